// The set-associative store behind the walker's three caches (walker_tlb,
// walker_gtlb, walker_pwc): SETS sets of WAYS ways of DATA_W-bit payloads.
//
// An entry is a tag (its upper DATA_W - PAY_W bits, compared by the caller)
// and a payload (its low PAY_W bits, only needed from the way that hits).
// Tags are kept one memory per way (all ways of a set are read at once, for
// the comparators); payloads in one memory addressed by {set, way}, read at
// the hit way, so no wide way multiplexer follows the comparators (the tags'
// multiplexer keeps only the bits the caller uses once synthesis prunes).
// Memories have no reset, one write port (the fill) and PORTS asynchronous
// read ports (port p reads the set on rd_set_i[p]), so synthesis maps them to
// LUTRAM (Yosys: RAM32M/RAM64M; up to 4 read ports share one LUTRAM). Valid
// and global bits are flip-flops. The caller
// compares the ways of the set each port reads (one comparator per way and
// port, its *_tag module) and returns which ways match: a lookup takes the
// first valid match; a fence (inv_i, on port 0) clears the valid bits of the
// matching ways of that set, so a fence sweeps the sets one per cycle.
// Fill: the hinted way (the one a lookup of the same tag found, so a stale
// entry is replaced, not doubled), else a free way, else round robin per set.
module walker_cache #(
  parameter int unsigned SETS   = 4,
  parameter int unsigned WAYS   = 4,
  parameter int unsigned DATA_W = 8,
  parameter int unsigned PAY_W  = 0,   // low bits of an entry read only at the hit way
  parameter bit          EN     = 1'b1,
  parameter int unsigned PORTS  = 1,
  // derived (the port widths need them): leave at their defaults
  parameter int unsigned SetW   = SETS > 1 ? $clog2(SETS) : 1,
  parameter int unsigned WayW   = WAYS > 1 ? $clog2(WAYS) : 1
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // read ports: the ways of one set each (a lookup, or a fence's sweep on 0);
  // rd_data_o holds the tags (the payload bits read as 0)
  input  logic [PORTS-1:0]             rd_en_i,     // a lookup (or fence) on the port
  input  logic [PORTS*SetW-1:0]        rd_set_i,
  output logic [PORTS*WAYS*DATA_W-1:0] rd_data_o,
  output logic [PORTS*WAYS-1:0]        rd_valid_o,
  output logic [PORTS*WAYS-1:0]        rd_global_o,
  input  logic [PORTS*WAYS-1:0]        rd_match_i,  // ways whose tag matches (valid or not)
  output logic [PORTS-1:0]             hit_o,       // a valid way matches
  output logic [PORTS*WayW-1:0]        hit_way_o,   // the first of them
  output logic [PORTS*DATA_W-1:0]      hit_data_o,
  // fill
  input  logic                     fill_i,
  input  logic [SetW-1:0]          fill_set_i,
  input  logic                     fill_hint_i,   // replace fill_hint_way_i
  input  logic [WayW-1:0]          fill_hint_way_i,
  input  logic                     fill_global_i,
  input  logic [DATA_W-1:0]        fill_data_i,
  // fence: clear the matching ways of rd_set_i
  input  logic                     inv_i
);
  localparam int unsigned Depth = 1 << SetW;

  if (SETS != Depth && !(SETS == 1 && Depth == 2)) begin : g_bad_sets
    $error("SETS must be a power of two");
  end

  logic [Depth*WAYS-1:0] valid_q, valid_d, global_q, global_d;
  logic [Depth*WayW-1:0] next_way_q, next_way_d;
  logic [WayW-1:0]       fill_way;
  logic                  fill_en;

  assign fill_en = EN && fill_i;

  localparam int unsigned TagW     = DATA_W - PAY_W;
  localparam int unsigned PayAw    = SetW + WayW;   // {set, way}
  localparam int unsigned PayDepth = 1 << PayAw;

  if (PAY_W >= DATA_W) begin : g_bad_pay
    $error("PAY_W must leave a tag");
  end

  // ---- tags: one LUTRAM per way, no reset ----
  for (genvar w = 0; w < WAYS; w++) begin : g_way
    (* ram_style = "distributed" *) logic [TagW-1:0] mem_q [Depth];
    always_ff @(posedge clk_i) begin
      if (fill_en && fill_way == WayW'(w)) mem_q[fill_set_i] <= fill_data_i[PAY_W +: TagW];
    end
    for (genvar p = 0; p < PORTS; p++) begin : g_port
      // an idle port's tags are don't-cares (its comparators see rd_en_i
      // too): no logic in synthesis, and Verilator skips the read
      if (PAY_W > 0) begin : g_pay0
        assign rd_data_o[(p*WAYS+w)*DATA_W +: DATA_W] =
            rd_en_i[p] ? {mem_q[rd_set_i[p*SetW +: SetW]], {PAY_W{1'b0}}} : 'x;
      end else begin : g_nopay
        assign rd_data_o[(p*WAYS+w)*DATA_W +: DATA_W] = rd_en_i[p] ? mem_q[rd_set_i[p*SetW +: SetW]] : 'x;
      end
      assign rd_valid_o[p*WAYS+w]  = rd_en_i[p] ? valid_q[32'(rd_set_i[p*SetW +: SetW]) * WAYS + w] : 1'bx;
      assign rd_global_o[p*WAYS+w] = rd_en_i[p] ? global_q[32'(rd_set_i[p*SetW +: SetW]) * WAYS + w] : 1'bx;
    end
  end

  // ---- lookups: the first valid matching way; its tag through an AND-OR
  // multiplexer, its payload read at {set, way} ----
  for (genvar p = 0; p < PORTS; p++) begin : g_lookup
    logic [WAYS-1:0] lk_hit, lk_first;
    logic [TagW-1:0] tag;
    logic [WayW-1:0] way;
    always_comb begin
      logic seen;
      lk_hit   = EN ? rd_match_i[p*WAYS +: WAYS] & rd_valid_o[p*WAYS +: WAYS] : '0;
      // the first hit: a priority chain, not x & -x (a carry chain on the
      // lookup's path, issue 9)
      seen = 1'b0;
      for (int unsigned w = 0; w < WAYS; w++) begin
        lk_first[w] = lk_hit[w] && !seen;
        seen = seen || lk_hit[w];
      end
      // (don't-cares on an idle port, as its tags)
      tag = 'x;
      way = 'x;
      if (rd_en_i[p]) begin
        tag = '0;
        way = '0;
        for (int unsigned w = 0; w < WAYS; w++) begin
          tag = tag | (rd_data_o[(p*WAYS+w)*DATA_W + PAY_W +: TagW] & {TagW{lk_first[w]}});
          way = way | (WayW'(w) & {WayW{lk_first[w]}});
        end
      end
    end
    assign hit_data_o[p*DATA_W + PAY_W +: TagW] = tag;
    assign hit_way_o[p*WayW +: WayW]            = way;
    assign hit_o[p]                             = |lk_hit;
  end

  // ---- payloads: one LUTRAM of all entries, no reset ----
  if (PAY_W > 0) begin : g_pay
    (* ram_style = "distributed" *) logic [PAY_W-1:0] pay_q [PayDepth];
    logic [PayAw-1:0] fill_addr;
    assign fill_addr = {fill_set_i, fill_way};
    always_ff @(posedge clk_i) begin
      if (fill_en) pay_q[fill_addr] <= fill_data_i[PAY_W-1:0];
    end
    for (genvar p = 0; p < PORTS; p++) begin : g_port
      logic [PayAw-1:0] rd_addr;
      assign rd_addr = {rd_set_i[p*SetW +: SetW], hit_way_o[p*WayW +: WayW]};
      assign hit_data_o[p*DATA_W +: PAY_W] = pay_q[rd_addr];
    end
  end

  // ---- fill way, valid and global bits ----
  always_comb begin
    logic found;
    fill_way = 'x;   // (read only with fill_en)
    found = 1'bx;
    if (fill_en) begin
      fill_way = next_way_q[32'(fill_set_i) * WayW +: WayW];
      found = fill_hint_i;
      if (fill_hint_i) fill_way = fill_hint_way_i;
      for (int unsigned w = 0; w < WAYS; w++) begin
        if (!found && !valid_q[32'(fill_set_i) * WAYS + w]) begin
          found = 1'b1;
          fill_way = WayW'(w);
        end
      end
    end
  end

  always_comb begin
    valid_d = valid_q;
    global_d = global_q;
    next_way_d = next_way_q;
    if (inv_i) begin
      for (int unsigned w = 0; w < WAYS; w++)
        if (rd_match_i[w]) valid_d[32'(rd_set_i[SetW-1:0]) * WAYS + w] = 1'b0;
    end
    if (fill_en) begin
      valid_d[32'(fill_set_i) * WAYS + 32'(fill_way)] = 1'b1;
      global_d[32'(fill_set_i) * WAYS + 32'(fill_way)] = fill_global_i;
      if (fill_way == next_way_q[32'(fill_set_i) * WayW +: WayW])
        next_way_d[32'(fill_set_i) * WayW +: WayW] = WayW'((32'(fill_way) + 1) % WAYS);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q    <= '0;
      global_q   <= '0;
      next_way_q <= '0;
    end else begin
      valid_q    <= valid_d;
      global_q   <= global_d;
      next_way_q <= next_way_d;
    end
  end

endmodule
