/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_graph.c - unit tests of decomposable graphs (graph.c): chordality,
 * cliques and separators, and the enumeration of every such graph. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "tap.h"

/* Adjacency from a list of edges given as vertex pairs. */
static void
adj_of(size_t k, const int (*e)[2], size_t ne, uint32_t *adj)
{
	size_t i;

	memset(adj, 0, k * sizeof(*adj));
	for (i = 0; i < ne; i++) {
		adj[e[i][0]] |= 1u << e[i][1];
		adj[e[i][1]] |= 1u << e[i][0];
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Do the n masks of got equal those of want, as multisets? */
static int
same_sets(const uint32_t *got, size_t ng, const uint32_t *want, size_t nw)
{
	uint32_t a[MSE_MAX_LISTS], b[MSE_MAX_LISTS];

	if (ng != nw)
		return 0;
	memcpy(a, got, ng * sizeof(*a));
	memcpy(b, want, nw * sizeof(*b));
	qsort(a, ng, sizeof(*a), cmp_u32);
	qsort(b, nw, sizeof(*b), cmp_u32);
	return memcmp(a, b, ng * sizeof(*a)) == 0;
}

/* Cliques and separators worked by hand (vertex v is bit v). */
static void
small_graphs(void)
{
	static const int path[][2] = { { 0, 1 }, { 1, 2 } };
	static const int star[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 } };
	static const int c4[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 0 } };
	static const int c4chord[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 },
	    { 3, 0 }, { 0, 2 } };
	static const int k4[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 1, 2 },
	    { 1, 3 }, { 2, 3 } };
	static const uint32_t empty_c[] = { 1, 2, 4 };
	static const uint32_t path_c[] = { 3, 6 }, path_s[] = { 2 };
	static const uint32_t star_c[] = { 3, 5, 9 }, star_s[] = { 1, 1 };
	static const uint32_t chord_c[] = { 7, 13 }, chord_s[] = { 5 };
	static const uint32_t k4_c[] = { 15 };
	uint32_t adj[MSE_MAX_LISTS];
	struct msei_dgraph g;

	adj_of(3, NULL, 0, adj);
	ok(msei_graph_decompose(3, adj, &g) && same_sets(g.set, g.nc,
	    empty_c, 3) && g.ns == 0, "no edges on 3 vertices: cliques {0}, "
	    "{1}, {2}, no (non-empty) separator");
	adj_of(3, path, 2, adj);
	ok(msei_graph_decompose(3, adj, &g) && same_sets(g.set, g.nc, path_c,
	    2) && same_sets(g.sep, g.ns, path_s, 1), "path 0-1-2: cliques "
	    "{0,1}, {1,2}, separator {1}");
	adj_of(4, star, 3, adj);
	ok(msei_graph_decompose(4, adj, &g) && same_sets(g.set, g.nc, star_c,
	    3) && same_sets(g.sep, g.ns, star_s, 2), "star at 0: cliques "
	    "{0,1}, {0,2}, {0,3}, separator {0} twice");
	adj_of(4, c4, 4, adj);
	ok(!msei_graph_decompose(4, adj, &g) && !msei_graph_chordal(4, adj),
	    "the 4-cycle is not chordal");
	adj_of(4, c4chord, 5, adj);
	ok(msei_graph_decompose(4, adj, &g) && same_sets(g.set, g.nc,
	    chord_c, 2) && same_sets(g.sep, g.ns, chord_s, 1), "4-cycle with "
	    "chord 0-2: cliques {0,1,2}, {0,2,3}, separator {0,2}");
	adj_of(4, k4, 6, adj);
	ok(msei_graph_decompose(4, adj, &g) && same_sets(g.set, g.nc, k4_c,
	    1) && g.ns == 0, "complete graph on 4: one clique, no separator");
}

/* Edge e numbers the pairs (0,1), (0,2), ..., (0,k-1), (1,2), ... */
static void
from_edges(void)
{
	uint32_t adj[MSE_MAX_LISTS], mask = 1u << 3;

	msei_graph_from_edges(4, &mask, adj);
	ok(adj[1] == 4 && adj[2] == 2 && adj[0] == 0 && adj[3] == 0,
	    "from edges, k = 4: edge 3 is the pair (1,2)");
	mask = 1u << 5;
	msei_graph_from_edges(4, &mask, adj);
	ok(adj[2] == 8 && adj[3] == 4, "from edges, k = 4: edge 5 is the "
	    "pair (2,3)");
	mask = 63;
	msei_graph_from_edges(4, &mask, adj);
	ok(adj[0] == 14 && adj[1] == 13 && adj[2] == 11 && adj[3] == 7,
	    "from edges, k = 4: all six edges make the complete graph");
}

/* The decomposition of g agrees with the graph it came from:
 *  - each clique is complete, no clique is inside another;
 *  - sum |C| - sum |S| = k (a junction forest, empty separators left out:
 *    Lauritzen 1996, Graphical Models, ch. 2);
 *  - edges = sum C(|C|,2) - sum C(|S|,2) (the same inclusion-exclusion
 *    over the junction tree, for pairs).
 */
static int
consistent(size_t k, const struct msei_dgraph *g)
{
	uint32_t adj[MSE_MAX_LISTS] = { 0 }, all = 0;
	long vsum = 0, esum = 0, edges = 0;
	size_t i, j, a, b;

	for (i = 0; i < g->nc; i++) {
		long c = __builtin_popcount(g->set[i]);

		vsum += c;
		esum += c * (c - 1) / 2;
		all |= g->set[i];
		for (j = 0; j < g->nc; j++)
			if (i != j && (g->set[i] & g->set[j]) == g->set[i])
				return 0;
		for (a = 0; a < k; a++)
			if (g->set[i] >> a & 1)
				adj[a] |= g->set[i] & ~(1u << a);
	}
	for (i = 0; i < g->ns; i++) {
		long s = __builtin_popcount(g->sep[i]);

		vsum -= s;
		esum -= s * (s - 1) / 2;
	}
	for (a = 0; a < k; a++)
		for (b = a + 1; b < k; b++)
			edges += adj[a] >> b & 1;
	return vsum == (long)k && esum == edges &&
	    all == (((uint32_t)1 << k) - 1) && msei_graph_chordal(k, adj);
}

struct tally {
	size_t k, n, bad;
};

static int
count_one(void *arg, const struct msei_dgraph *g)
{
	struct tally *t = arg;

	t->n++;
	t->bad += !consistent(t->k, g);
	return 0;
}

static int
stop_at_ten(void *arg, const struct msei_dgraph *g)
{
	size_t *n = arg;

	(void)g;
	return ++*n == 10 ? 42 : 0;
}

/*
 * The enumeration visits every labelled chordal (decomposable) graph,
 * connected or not: 1, 2, 8, 61, 822, 18154 on 1 to 6 vertices (OEIS
 * A058862, "number of labeled chordal graphs on n nodes"; for 4, the 64
 * graphs less the three 4-cycles).
 */
static void
enumeration(void)
{
	static const size_t want[] = { 0, 1, 2, 8, 61, 822, 18154 };
	struct msei_dgraph *v = NULL;
	struct mse_error e;
	size_t k, n = 0, i, bad;

	for (k = 1; k <= 6; k++) {
		struct tally t = { k, 0, 0 };
		int rc = msei_graph_foreach(k, count_one, &t);

		ok(rc == MSE_OK && t.n == want[k], "foreach, k = %zu: %zu "
		    "graphs (OEIS A058862, exact; got %zu)", k, want[k], t.n);
		is_int((long)t.bad, 0, "foreach, k = %zu: every decomposition "
		    "is consistent with its graph", k);
	}
	ok(msei_graph_enumerate(4, &v, &n, &e) == MSE_OK && n == 61,
	    "enumerate, k = 4: 61 graphs (OEIS A058862)");
	for (i = 0, bad = 0; i < n; i++)
		bad += !consistent(4, &v[i]);
	is_int((long)bad, 0, "enumerate, k = 4: each is consistent");
	free(v);
	n = 0;
	is_int(msei_graph_foreach(5, stop_at_ten, &n), 42, "foreach stops "
	    "with the callback's value");
	is_int((long)n, 10, "foreach: ... after the tenth graph");
	is_int(msei_graph_enumerate(0, &v, &n, &e), MSE_EINVAL, "enumerate: "
	    "k = 0 is refused");
	is_int(msei_graph_enumerate(8, &v, &n, &e), MSE_EINVAL, "enumerate: "
	    "k = 8 is beyond MSEI_ENUM_MAX");
	ok(strstr(e.message, "1 to 7 lists, not 8") != NULL && v == NULL &&
	    n == 0, "enumerate: ... saying so, returning nothing (%s)",
	    e.message);
}

int
main(void)
{
	gsl_set_error_handler_off();
	small_graphs();
	from_edges();
	enumeration();
	return tap_done();
}
