//! Owns the optimal assignment: given eligible edges with integer scores and capacities on
//! both sides, choose the edges that make the most pairs and, among those, the highest
//! total score. Exact and deterministic. Knows nothing of people; `mod.rs` builds the graph.
//!
//! The method is min-cost flow by successive shortest paths (Dijkstra with potentials) on a
//! sparse network, one supply unit at a time:
//!
//! ```text
//!   row r ──(cost smax − score)──► col c ──(0, cap c)──► T
//!   row r ──(cost P)──► U ──(0)──► T                       (U: "stays unmatched")
//! ```
//!
//! Each row unit must reach `T`, through a real column or through `U` at a penalty `P`
//! larger than any total score, so the cheapest flow makes the most pairs first, then the
//! best score. Shipping supply in any order along shortest paths keeps reduced costs
//! non-negative (Ahuja, Magnanti, Orlin, *Network Flows*, 9.7), so the result is optimal.
//! Each Dijkstra stops when it reaches `T`, only the nodes it settled get new potentials
//! (as in Jonker–Volgenant), and nothing farther than the best known way to `T` is queued,
//! which keeps most searches to a few rows. The last searches of a tight instance are the
//! long ones (every other row is matched, so the path to a free column is long).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::PairingError;

/// A bipartite graph with capacities, edges stored by row. Rows supply the search units,
/// so the caller makes rows the side with fewer slots (see `build_graph`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    /// How many edges each row may take.
    pub left_caps: Vec<u32>,
    /// How many edges each column may take.
    pub right_caps: Vec<u32>,
    /// The edges of row `i` are `start[i]..start[i + 1]`.
    pub start: Vec<usize>,
    /// The column of each edge.
    pub to: Vec<u32>,
    /// The score of each edge (non-negative).
    pub score: Vec<i64>,
}

impl Graph {
    /// An empty graph with these capacities; add edges with [`Graph::push_left`].
    pub fn new(left_caps: Vec<u32>, right_caps: Vec<u32>) -> Graph {
        Graph {
            left_caps,
            right_caps,
            start: vec![0],
            to: Vec::new(),
            score: Vec::new(),
        }
    }

    /// Closes the edge list of the next row; call once per row, in order.
    pub fn push_left(&mut self, edges: impl IntoIterator<Item = (u32, i64)>) {
        for (to, score) in edges {
            self.to.push(to);
            self.score.push(score);
        }
        self.start.push(self.to.len());
    }

    /// The row of edge `e`.
    pub fn left_of(&self, e: usize) -> usize {
        self.start.partition_point(|&s| s <= e) - 1
    }

    /// The edges of row `i`.
    pub fn edges(&self, i: usize) -> std::ops::Range<usize> {
        self.start[i]..self.start[i + 1]
    }
}

/// Chooses the edges (ids into `g`, ascending) of a maximum-cardinality assignment with the
/// highest total score among maximum-cardinality ones.
///
/// # Errors
/// `TooLarge` when the scores and sizes would overflow 64-bit arithmetic.
pub(crate) fn solve(g: &Graph) -> Result<Vec<usize>, PairingError> {
    let mut right_deg = vec![0u32; g.right_caps.len()];
    for &c in &g.to {
        right_deg[c as usize] += 1;
    }
    let left_slots: u64 = (0..g.left_caps.len())
        .map(|i| u64::from(g.left_caps[i]).min(g.edges(i).len() as u64))
        .sum();
    let right_slots: u64 = g
        .right_caps
        .iter()
        .zip(&right_deg)
        .map(|(&c, &d)| u64::from(c.min(d)))
        .sum();
    let smax = g.score.iter().copied().max().unwrap_or(0).max(0);
    // NOTE: P must exceed any difference of total score between two assignments of equal
    // size, so one more pair always wins: smax × (slots + 1) + 1, slots being the smaller
    // side's. Potentials drift by at most P per search (one per row unit), so
    // (searches + 2) × P × 4 must fit in i64.
    let slots = left_slots.min(right_slots);
    let penalty = u128::from(slots + 1) * smax as u128 + 1;
    if penalty * (u128::from(left_slots) + 2) * 4 >= i64::MAX as u128 {
        return Err(PairingError::TooLarge);
    }
    let mut solver = Solver::new(g, smax, penalty as i64);
    for r in 0..g.left_caps.len() {
        let units = g.left_caps[r].min(g.edges(r).len() as u32);
        for _ in 0..units {
            solver.ship(r)?;
        }
    }
    Ok((0..g.to.len()).filter(|&e| solver.used[e]).collect())
}

/// The sink: every unit ends here.
const T: usize = 0;
/// "Unmatched": a row unit that reaches `T` through here pays the penalty.
const U: usize = 1;
const INF: i64 = i64::MAX;

/// How the search reached a node.
#[derive(Debug, Clone, Copy)]
enum Pred {
    None,
    /// Forward along a free edge, row to column.
    Fwd(u32),
    /// Backward along a used edge, column to row.
    Rev(u32),
    /// From this row to `U`.
    RowU(u32),
    /// From `U` back to a row that was unmatched.
    URow,
    /// From this column to `T`.
    ColT(u32),
    /// From `U` to `T`.
    UT,
}

struct Solver<'g> {
    net: &'g Graph,
    /// The row of each edge.
    row_of: Vec<u32>,
    /// Costs are `smax - score`, so never negative.
    smax: i64,
    nr: usize,
    penalty: i64,
    used: Vec<bool>,
    /// The used edges of each column live in `slots[slot_start[c]..][..fill[c]]`.
    slot_start: Vec<usize>,
    slots: Vec<u32>,
    fill: Vec<u32>,
    /// Units of each row sent to `U`, and the rows with any, for `U`'s backward arcs.
    unmatched: Vec<u32>,
    u_list: Vec<u32>,
    u_pos: Vec<u32>,
    pi: Vec<i64>,
    dist: Vec<i64>,
    done: Vec<bool>,
    pred: Vec<Pred>,
    touched: Vec<u32>,
    settled: Vec<u32>,
    /// Nodes by distance; `T` (node 0) first among equals, so a search ends as soon as a
    /// way to the sink is as short as anything left.
    heap: BinaryHeap<Reverse<(i64, u32)>>,
    path: Vec<(usize, Pred)>,
}

impl<'g> Solver<'g> {
    fn new(net: &'g Graph, smax: i64, penalty: i64) -> Self {
        let nr = net.left_caps.len();
        let nc = net.right_caps.len();
        let nodes = 2 + nr + nc;
        let mut slot_start = Vec::with_capacity(nc + 1);
        let mut total = 0usize;
        for &c in &net.right_caps {
            slot_start.push(total);
            total += c as usize;
        }
        slot_start.push(total);
        Solver {
            net,
            row_of: (0..nr)
                .flat_map(|i| std::iter::repeat_n(i as u32, net.edges(i).len()))
                .collect(),
            smax,
            nr,
            penalty,
            used: vec![false; net.to.len()],
            slot_start,
            slots: vec![0; total],
            fill: vec![0; nc],
            unmatched: vec![0; nr],
            u_list: Vec::new(),
            u_pos: vec![u32::MAX; nr],
            pi: vec![0; nodes],
            dist: vec![INF; nodes],
            done: vec![false; nodes],
            pred: vec![Pred::None; nodes],
            touched: Vec::new(),
            settled: Vec::new(),
            heap: BinaryHeap::new(),
            path: Vec::new(),
        }
    }

    fn row_node(&self, r: usize) -> usize {
        2 + r
    }

    fn col_node(&self, c: usize) -> usize {
        2 + self.nr + c
    }

    /// Offers `v` the distance `nd`. Nothing at or beyond the best known distance to `T`
    /// can be on the shortest path, nor be settled before `T`, so it is not even queued.
    #[inline]
    fn relax(&mut self, v: usize, nd: i64, p: Pred) -> bool {
        if nd < self.dist[v] && nd < self.dist[T] {
            if self.dist[v] == INF {
                self.touched.push(v as u32);
            }
            self.dist[v] = nd;
            self.pred[v] = p;
            self.heap.push(Reverse((nd, v as u32)));
            true
        } else {
            false
        }
    }

    /// Sends one unit of row `r` to `T` along a shortest path.
    fn ship(&mut self, r: usize) -> Result<(), PairingError> {
        let net = self.net;
        for &v in &self.touched {
            let v = v as usize;
            self.dist[v] = INF;
            self.done[v] = false;
            self.pred[v] = Pred::None;
        }
        self.touched.clear();
        self.settled.clear();
        self.heap.clear();
        let src = self.row_node(r);
        self.relax(src, 0, Pred::None);
        while let Some(Reverse((d, v))) = self.heap.pop() {
            let v = v as usize;
            if self.done[v] || d > self.dist[v] {
                continue;
            }
            self.done[v] = true;
            self.settled.push(v as u32);
            if v == T {
                break;
            }
            let pv = self.pi[v];
            if v == U {
                self.relax(T, d + pv - self.pi[T], Pred::UT);
                for k in 0..self.u_list.len() {
                    let w = self.row_node(self.u_list[k] as usize);
                    self.relax(w, d - self.penalty + pv - self.pi[w], Pred::URow);
                }
            } else if v < 2 + self.nr {
                let row = v - 2;
                for e in net.edges(row) {
                    if !self.used[e] {
                        let c = net.to[e] as usize;
                        let w = self.col_node(c);
                        let nd = d + (self.smax - net.score[e]) + pv - self.pi[w];
                        // A column with room bounds the distance to T at once, which
                        // prunes the rest of this row's edges.
                        if self.relax(w, nd, Pred::Fwd(e as u32))
                            && self.fill[c] < net.right_caps[c]
                        {
                            self.relax(T, nd + self.pi[w] - self.pi[T], Pred::ColT(c as u32));
                        }
                    }
                }
                self.relax(
                    U,
                    d + self.penalty + pv - self.pi[U],
                    Pred::RowU(row as u32),
                );
            } else {
                let c = v - 2 - self.nr;
                let base = self.slot_start[c];
                for k in base..base + self.fill[c] as usize {
                    let e = self.slots[k] as usize;
                    let w = self.row_node(self.row_of[e] as usize);
                    let nd = d - (self.smax - net.score[e]) + pv - self.pi[w];
                    self.relax(w, nd, Pred::Rev(e as u32));
                }
                if self.fill[c] < net.right_caps[c] {
                    self.relax(T, d + pv - self.pi[T], Pred::ColT(c as u32));
                }
            }
        }
        if !self.done[T] {
            return Err(PairingError::Internal("a unit found no way to the sink"));
        }
        let reach = self.dist[T];
        for &v in &self.settled {
            let v = v as usize;
            self.pi[v] += self.dist[v] - reach;
        }
        self.augment(src)
    }

    /// Flips the edges on the search tree's path from `src` to `T`.
    fn augment(&mut self, src: usize) -> Result<(), PairingError> {
        let net = self.net;
        self.path.clear();
        let mut v = T;
        while v != src {
            let p = self.pred[v];
            self.path.push((v, p));
            if self.path.len() > self.pi.len() {
                return Err(PairingError::Internal("a search path with a loop"));
            }
            v = match p {
                Pred::UT | Pred::URow => U,
                Pred::ColT(c) => self.col_node(c as usize),
                Pred::Fwd(e) => self.row_node(self.row_of[e as usize] as usize),
                Pred::Rev(e) => self.col_node(net.to[e as usize] as usize),
                Pred::RowU(row) => self.row_node(row as usize),
                Pred::None => return Err(PairingError::Internal("a broken search path")),
            };
        }
        // Removals first, so a full column never holds more than its capacity.
        for k in 0..self.path.len() {
            if let (_, Pred::Rev(e)) = self.path[k] {
                let e = e as usize;
                self.used[e] = false;
                let c = net.to[e] as usize;
                let base = self.slot_start[c];
                let n = self.fill[c] as usize;
                if let Some(i) = (base..base + n).find(|&i| self.slots[i] as usize == e) {
                    self.slots[i] = self.slots[base + n - 1];
                    self.fill[c] -= 1;
                }
            }
        }
        for k in 0..self.path.len() {
            match self.path[k] {
                (_, Pred::Fwd(e)) => {
                    let e = e as usize;
                    self.used[e] = true;
                    let c = net.to[e] as usize;
                    let at = self.slot_start[c] + self.fill[c] as usize;
                    if at >= self.slot_start[c + 1] {
                        return Err(PairingError::Internal("a column over its capacity"));
                    }
                    self.slots[at] = e as u32;
                    self.fill[c] += 1;
                }
                (_, Pred::RowU(row)) => {
                    let row = row as usize;
                    self.unmatched[row] += 1;
                    if self.u_pos[row] == u32::MAX {
                        self.u_pos[row] = self.u_list.len() as u32;
                        self.u_list.push(row as u32);
                    }
                }
                (w, Pred::URow) => {
                    let row = w - 2;
                    self.unmatched[row] -= 1;
                    if self.unmatched[row] == 0 {
                        let at = self.u_pos[row] as usize;
                        self.u_list.swap_remove(at);
                        if let Some(&moved) = self.u_list.get(at) {
                            self.u_pos[moved as usize] = at as u32;
                        }
                        self.u_pos[row] = u32::MAX;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A graph from (left, right, score) triples.
    fn graph(left_caps: &[u32], right_caps: &[u32], edges: &[(u32, u32, i64)]) -> Graph {
        let mut g = Graph::new(left_caps.to_vec(), right_caps.to_vec());
        for i in 0..left_caps.len() as u32 {
            g.push_left(edges.iter().filter(|e| e.0 == i).map(|&(_, r, s)| (r, s)));
        }
        g
    }

    /// (pairs, total score) of a choice, checking capacities.
    fn value(g: &Graph, chosen: &[usize]) -> (usize, i64) {
        let mut l = vec![0u32; g.left_caps.len()];
        let mut r = vec![0u32; g.right_caps.len()];
        for &e in chosen {
            l[g.left_of(e)] += 1;
            r[g.to[e] as usize] += 1;
        }
        assert!(
            l.iter().zip(&g.left_caps).all(|(u, c)| u <= c),
            "left over capacity"
        );
        assert!(
            r.iter().zip(&g.right_caps).all(|(u, c)| u <= c),
            "right over capacity"
        );
        (chosen.len(), chosen.iter().map(|&e| g.score[e]).sum())
    }

    /// The best (pairs, score) by trying every subset of edges.
    fn brute_force(g: &Graph) -> (usize, i64) {
        let m = g.to.len();
        let mut best = (0, 0);
        for mask in 0u32..(1 << m) {
            let mut l = vec![0u32; g.left_caps.len()];
            let mut r = vec![0u32; g.right_caps.len()];
            let mut ok = true;
            let (mut n, mut s) = (0, 0);
            for e in 0..m {
                if mask & (1 << e) != 0 {
                    let (a, b) = (g.left_of(e), g.to[e] as usize);
                    l[a] += 1;
                    r[b] += 1;
                    ok &= l[a] <= g.left_caps[a] && r[b] <= g.right_caps[b];
                    n += 1;
                    s += g.score[e];
                }
            }
            if ok && (n, s) > best {
                best = (n, s);
            }
        }
        best
    }

    #[test]
    fn a_better_scoring_latecomer_takes_the_only_column() {
        // two rows want the one column; the second scores higher
        let g = graph(&[1, 1], &[1], &[(0, 0, 1), (1, 0, 10)]);
        let chosen = solve(&g).unwrap();
        assert_eq!(value(&g, &chosen), (1, 10));
        assert_eq!(g.left_of(chosen[0]), 1);
    }

    #[test]
    fn one_more_pair_beats_any_score() {
        // a-x alone scores 10; a-y plus b-x make two pairs scoring 2
        let g = graph(&[1, 1], &[1, 1], &[(0, 0, 10), (0, 1, 1), (1, 0, 1)]);
        assert_eq!(value(&g, &solve(&g).unwrap()), (2, 2));
    }

    #[test]
    fn capacities_on_both_sides_are_used_and_never_exceeded() {
        let g = graph(
            &[2, 1],
            &[1, 1, 2],
            &[(0, 0, 3), (0, 1, 3), (0, 2, 1), (1, 2, 5), (1, 0, 4)],
        );
        assert_eq!(value(&g, &solve(&g).unwrap()), brute_force(&g));
        assert_eq!(brute_force(&g), (3, 11));
    }

    #[test]
    fn an_empty_graph_gives_no_pairs() {
        let g = graph(&[1, 2], &[1], &[]);
        assert!(solve(&g).unwrap().is_empty());
        let g = graph(&[], &[], &[]);
        assert!(solve(&g).unwrap().is_empty());
    }

    #[test]
    fn scores_that_would_overflow_are_refused() {
        let g = graph(&[1], &[1], &[(0, 0, i64::MAX / 2)]);
        assert_eq!(solve(&g), Err(PairingError::TooLarge));
    }

    fn arb_graph() -> impl Strategy<Value = Graph> {
        (1usize..5, 1usize..5).prop_flat_map(|(nl, nr)| {
            (
                prop::collection::vec(1u32..3, nl),
                prop::collection::vec(1u32..3, nr),
                prop::collection::vec(prop::option::weighted(0.6, 0i64..6), nl * nr),
            )
                .prop_map(move |(lc, rc, cells)| {
                    let edges: Vec<(u32, u32, i64)> = cells
                        .iter()
                        .enumerate()
                        .filter_map(|(k, s)| s.map(|s| ((k / nr) as u32, (k % nr) as u32, s)))
                        .take(14)
                        .collect();
                    graph(&lc, &rc, &edges)
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_solver_matches_brute_force_on_count_then_score(g in arb_graph()) {
            let chosen = solve(&g).unwrap();
            prop_assert_eq!(value(&g, &chosen), brute_force(&g));
        }
    }
}
