/* SPDX-License-Identifier: GPL-3.0-or-later */
/* graph.c - decomposable graphs: chordality, cliques, separators, lists. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/*
 * Maximum cardinality search (Tarjan & Yannakakis 1984), as the R
 * package dga 2.0.2 uses it.  The graph is chordal if and only if the
 * numbered neighbours P of every newly numbered vertex form a clique; the
 * cliques then come out in a running-intersection order, and the non-empty
 * P that start a new clique are the separators of a junction tree, with
 * their multiplicity (the same multiset for every junction tree).
 */
int
msei_graph_decompose(size_t k, const uint32_t *adj, struct msei_dgraph *g)
{
	uint32_t numbered = 0, cur = 0;
	int weight[MSE_MAX_LISTS] = { 0 };
	size_t i, prev = 0;

	g->nc = g->ns = 0;
	for (i = 0; i < k; i++) {
		uint32_t p, q;
		size_t v = k, u, kp;

		for (u = 0; u < k; u++)
			if (!(numbered & (1u << u)) &&
			    (v == k || weight[u] > weight[v]))
				v = u;
		p = adj[v] & numbered;
		for (q = p; q != 0; q &= q - 1) {
			u = (size_t)__builtin_ctz(q);
			if ((p & ~(adj[u] | (1u << u))) != 0)
				return 0;
		}
		kp = (size_t)msei_popcount(p);
		if (i == 0 || kp <= prev) {
			if (i > 0)
				g->set[g->nc++] = cur;
			cur = p | (1u << v);
			if (p != 0)
				g->sep[g->ns++] = p;
		} else
			cur |= 1u << v;
		prev = kp;
		numbered |= 1u << v;
		for (q = adj[v] & ~numbered; q != 0; q &= q - 1)
			weight[__builtin_ctz(q)]++;
	}
	g->set[g->nc++] = cur;
	return 1;
}

/* The adjacency of the graph whose edges are the set bits of mask, edge e
 * numbering the pairs (0,1), (0,2), ..., (0,k-1), (1,2), ... */
void
msei_graph_from_edges(size_t k, const uint32_t *edges, uint32_t *adj)
{
	size_t a, b, e = 0;

	memset(adj, 0, k * sizeof(*adj));
	for (a = 0; a < k; a++)
		for (b = a + 1; b < k; b++, e++)
			if (edges[e / 32] & (1u << (e % 32))) {
				adj[a] |= 1u << b;
				adj[b] |= 1u << a;
			}
}

/*
 * Call fn for every labelled decomposable graph on k vertices, by testing
 * all 2^(k(k-1)/2) edge sets (32 768 for k = 6, 2 097 152 for k = 7).
 * Stops early, returning fn's value, when fn returns non-zero.
 */
int
msei_graph_foreach(size_t k, int (*fn)(void *, const struct msei_dgraph *),
    void *arg)
{
	size_t pairs = k * (k - 1) / 2;
	uint32_t mask, adj[MSE_MAX_LISTS];
	struct msei_dgraph g;
	int rc;

	if (k < 1 || pairs > 21)
		return MSE_EINVAL;
	for (mask = 0; mask < (1u << pairs); mask++) {
		msei_graph_from_edges(k, &mask, adj);
		if (!msei_graph_decompose(k, adj, &g))
			continue;
		if ((rc = fn(arg, &g)) != 0)
			return rc;
	}
	return MSE_OK;
}

struct collect {
	struct msei_dgraph *v;
	size_t n, cap;
};

static int
collect_one(void *arg, const struct msei_dgraph *g)
{
	struct collect *c = arg;

	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct msei_dgraph *p = msei_reallocarray(c->v, cap,
		    sizeof(*p));

		if (p == NULL)
			return MSE_ENOMEM;
		c->v = p;
		c->cap = cap;
	}
	c->v[c->n++] = *g;
	return 0;
}

/* Every decomposable graph on k vertices, in an array the caller frees. */
int
msei_graph_enumerate(size_t k, struct msei_dgraph **out, size_t *count,
    struct mse_error *err)
{
	struct collect c = { NULL, 0, 0 };
	int rc;

	*out = NULL;
	*count = 0;
	if (k < 1 || k > MSEI_ENUM_MAX)
		return msei_error(err, MSE_EINVAL, "enumerating every "
		    "decomposable graph needs 1 to %d lists, not %zu",
		    MSEI_ENUM_MAX, k);
	rc = msei_graph_foreach(k, collect_one, &c);
	if (rc != MSE_OK) {
		free(c.v);
		return msei_error(err, rc, "out of memory");
	}
	*out = c.v;
	*count = c.n;
	return MSE_OK;
}

/* Is the graph adj still decomposable?  (k <= MSE_MAX_LISTS) */
int
msei_graph_chordal(size_t k, const uint32_t *adj)
{
	struct msei_dgraph g;

	return msei_graph_decompose(k, adj, &g);
}
