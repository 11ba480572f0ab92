// The set-associative store behind the walker's three caches (walker_tlb,
// walker_gtlb, walker_pwc): SETS sets of WAYS ways of DATA_W-bit payloads.
//
// Payloads have no reset, one write port (the fill) and PORTS asynchronous
// read ports (port p reads the set on rd_set_i[p]), one memory per way, so
// synthesis maps them to LUTRAM (Yosys: RAM32M/RAM64M; up to 4 read ports
// share one LUTRAM). Valid and global bits are flip-flops. The caller
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
  parameter bit          EN     = 1'b1,
  parameter int unsigned PORTS  = 1,
  // derived (the port widths need them): leave at their defaults
  parameter int unsigned SetW   = SETS > 1 ? $clog2(SETS) : 1,
  parameter int unsigned WayW   = WAYS > 1 ? $clog2(WAYS) : 1
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // read ports: the ways of one set each (a lookup, or a fence's sweep on 0)
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

  // ---- payloads: one LUTRAM per way, no reset ----
  for (genvar w = 0; w < WAYS; w++) begin : g_way
    (* ram_style = "distributed" *) logic [DATA_W-1:0] mem_q [Depth];
    always_ff @(posedge clk_i) begin
      if (fill_en && fill_way == WayW'(w)) mem_q[fill_set_i] <= fill_data_i;
    end
    for (genvar p = 0; p < PORTS; p++) begin : g_port
      assign rd_data_o[(p*WAYS+w)*DATA_W +: DATA_W] = mem_q[rd_set_i[p*SetW +: SetW]];
      assign rd_valid_o[p*WAYS+w]  = valid_q[32'(rd_set_i[p*SetW +: SetW]) * WAYS + w];
      assign rd_global_o[p*WAYS+w] = global_q[32'(rd_set_i[p*SetW +: SetW]) * WAYS + w];
    end
  end

  // ---- lookups: the first valid matching way, an AND-OR multiplexer ----
  for (genvar p = 0; p < PORTS; p++) begin : g_lookup
    logic [WAYS-1:0]   lk_hit, lk_first;
    logic [DATA_W-1:0] data;
    logic [WayW-1:0]   way;
    always_comb begin
      lk_hit   = EN ? rd_match_i[p*WAYS +: WAYS] & rd_valid_o[p*WAYS +: WAYS] : '0;
      lk_first = lk_hit & (~lk_hit + 1'b1);
      data = '0;
      way  = '0;
      for (int unsigned w = 0; w < WAYS; w++) begin
        data = data | (rd_data_o[(p*WAYS+w)*DATA_W +: DATA_W] & {DATA_W{lk_first[w]}});
        way  = way | (WayW'(w) & {WayW{lk_first[w]}});
      end
    end
    assign hit_data_o[p*DATA_W +: DATA_W] = data;
    assign hit_way_o[p*WayW +: WayW]      = way;
    assign hit_o[p]                       = |lk_hit;
  end

  // ---- fill way, valid and global bits ----
  always_comb begin
    logic found;
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
