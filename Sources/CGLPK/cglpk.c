#include "cglpk.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>

struct cglpk_session {
    jmp_buf jump;
    int echo;
    char *log;
    size_t log_len, log_cap;
    char error[1024];
    const double *start;
    int start_status;
    int bound_known;
    double best_bound;
    volatile int cancel;
    volatile int in_tree;   /* branch-and-bound has started */
    int solving;            /* inside cglpk_solve: the jump buffer may be used to leave GLPK */
    double deadline;        /* glp_time() in ms after which the search stops; 0 for none */
    /* progress, read by other threads (cglpk_session_progress) */
    volatile int has_incumbent;
    volatile double incumbent;
    volatile double started;        /* monotonic seconds at the start of cglpk_solve */
    volatile int attempt;
    /* the best incumbent of a failed attempt (index 0 unused) */
    double *saved;
    int saved_n;
    double saved_obj;
    int has_saved;
    int use_saved;          /* cglpk_solution returns `saved` */
    /* branching by pseudocosts with the product score, per MIP attempt */
    int product_branching;
    struct pcost_state_s *pcost;
    int pcost_broken;
    /* the incumbent exchange of the current MIP attempt (cglpk_solve_params.exchange_poll) */
    struct exchange_state_s *xchg;
};

static void pcost_free(struct pcost_state_s *c);
static void exchange_free(struct exchange_state_s *x);

static double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

cglpk_session *cglpk_session_create(int echo_to_stderr) {
    cglpk_session *s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->echo = echo_to_stderr;
    s->log_cap = 4096;
    s->log = malloc(s->log_cap);
    if (s->log == NULL) { free(s); return NULL; }
    s->log[0] = '\0';
    return s;
}

void cglpk_session_destroy(cglpk_session *s) {
    if (s == NULL) return;
    pcost_free(s->pcost);
    exchange_free(s->xchg);
    free(s->saved);
    free(s->log);
    free(s);
}

const char *cglpk_session_log(const cglpk_session *s) { return s->log; }
const char *cglpk_session_error(const cglpk_session *s) { return s->error; }
void cglpk_session_cancel(cglpk_session *s) { s->cancel = 1; }
int cglpk_session_in_tree(const cglpk_session *s) { return s->in_tree; }

void cglpk_session_progress(const cglpk_session *s, cglpk_progress *out) {
    memset(out, 0, sizeof *out);
    out->solving = s->solving;
    if (!out->solving) return;
    out->in_tree = s->in_tree;
    out->has_incumbent = s->has_incumbent;
    out->incumbent = s->incumbent;
    out->bound_known = s->bound_known;
    out->bound = s->best_bound;
    out->elapsed = monotonic_seconds() - s->started;
    out->attempt = s->attempt;
}

static int term_hook(void *info, const char *text) {
    cglpk_session *s = info;
    size_t n = strlen(text);
    if (s->log_len + n + 1 > s->log_cap) {
        size_t cap = s->log_cap;
        while (s->log_len + n + 1 > cap) cap *= 2;
        char *grown = realloc(s->log, cap);
        if (grown == NULL) return 1; /* drop the text rather than fail */
        s->log = grown;
        s->log_cap = cap;
    }
    memcpy(s->log + s->log_len, text, n + 1);
    s->log_len += n;
    if (s->echo) fputs(text, stderr);
    /* GLPK's simplex has no callback; its progress messages are the only
       place to leave a long presolve or root LP on request. No incumbent can
       exist there, so nothing is lost; as after an error, the thread's GLPK
       environment is then freed. In the tree the callback stops gracefully. */
    if (s->cancel && s->solving && !s->in_tree) longjmp(s->jump, 2);
    return 1; /* suppress GLPK's own printing */
}

/* A line of dipnet's own in the solver log (and on standard error with --verbose). */
static void shim_note(cglpk_session *s, const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    int solving = s->solving;
    s->solving = 0; /* a note is never a cancellation point */
    term_hook(s, line);
    s->solving = solving;
}

/* The last non-empty lines of the log before "Error detected in file ..." carry
   the message GLPK gave; keep them as the error text. */
static void capture_error(cglpk_session *s) {
    const char *log = s->log;
    const char *marker = NULL, *p = log;
    while ((p = strstr(p, "Error detected in file")) != NULL) { marker = p; p++; }
    size_t end = marker ? (size_t)(marker - log) : s->log_len;
    while (end > 0 && (log[end - 1] == '\n' || log[end - 1] == ' ')) end--;
    size_t start = end;
    while (start > 0 && log[start - 1] != '\n') start--;
    size_t n = end - start;
    if (n == 0 && marker) { start = (size_t)(marker - log); n = strcspn(marker, "\n"); }
    if (n >= sizeof s->error) n = sizeof s->error - 1;
    memcpy(s->error, log + start, n);
    s->error[n] = '\0';
    if (n == 0) strcpy(s->error, "GLPK reported a fatal error");
}

static void error_hook(void *info) {
    cglpk_session *s = info;
    capture_error(s);
    longjmp(s->jump, 1);
}

/* Installs the hooks for this thread's environment. Hooks live in the
   thread-local environment, so they are set before every guarded call. */
static void install(cglpk_session *s) {
    s->error[0] = '\0';
    glp_term_hook(term_hook, s);
    glp_error_hook(error_hook, s);
}

/* After a longjmp out of GLPK its environment is unusable: free it (GLPK's
   documented recovery), which also frees every problem of this thread. */
#define GUARD(s)                                  \
    install(s);                                   \
    if (setjmp((s)->jump) != 0) {                 \
        int cancelled = (s)->solving && (s)->cancel; \
        (s)->solving = 0;                         \
        glp_free_env();                           \
        return cancelled ? CGLPK_CANCELLED : CGLPK_FATAL; \
    }

static void set_names(glp_prob *P, int n, const char *blob, const int *offsets,
                      void (*setter)(glp_prob *, int, const char *)) {
    if (blob == NULL || offsets == NULL) return;
    for (int i = 0; i < n; i++) {
        const char *name = blob + offsets[i];
        if (name[0] != '\0') setter(P, i + 1, name);
    }
}

int cglpk_load(cglpk_session *s, const cglpk_problem_data *d, glp_prob **out) {
    *out = NULL;
    GUARD(s);
    glp_prob *P = glp_create_prob();
    if (d->name) glp_set_prob_name(P, d->name);
    glp_set_obj_dir(P, d->sense);
    glp_set_obj_coef(P, 0, d->obj_constant);
    if (d->nrows > 0) glp_add_rows(P, d->nrows);
    if (d->ncols > 0) glp_add_cols(P, d->ncols);
    for (int i = 0; i < d->nrows; i++)
        glp_set_row_bnds(P, i + 1, d->row_type[i], d->row_lb[i], d->row_ub[i]);
    for (int j = 0; j < d->ncols; j++) {
        /* kind before bounds: GLP_BV resets bounds to [0,1] */
        if (d->col_kind[j] != GLP_CV) glp_set_col_kind(P, j + 1, d->col_kind[j]);
        glp_set_col_bnds(P, j + 1, d->col_type[j], d->col_lb[j], d->col_ub[j]);
        if (d->obj[j] != 0.0) glp_set_obj_coef(P, j + 1, d->obj[j]);
    }
    set_names(P, d->nrows, d->row_names, d->row_name_offsets, glp_set_row_name);
    set_names(P, d->ncols, d->col_names, d->col_name_offsets, glp_set_col_name);
    /* GLPK's arrays are 1-based: pass pointers one element before the data. */
    if (d->nnz > 0) {
        glp_load_matrix(P, d->nnz, d->ia - 1, d->ja - 1, d->ar - 1);
        /* glp_load_matrix leaves each column's elements in descending row order;
           GLPK's own readers (and so glpsol) leave them ascending. The order
           steers the simplex on degenerate LPs and with it which cuts are
           found: sorted, the Belgian scenario takes 7 branch-and-bound nodes
           instead of 169, exactly as glpsol does on the exported file. */
        glp_sort_matrix(P);
    }
    *out = P;
    return CGLPK_OK;
}

static void track_bound(cglpk_session *s, glp_tree *T) {
    int node = glp_ios_best_node(T);
    if (node != 0) {
        s->best_bound = glp_ios_node_bound(T, node);
        s->bound_known = 1;
    }
}

/* Pseudocost branching with the product score (CGLPK_BRANCH_PRODUCT).

   GLPK's own pseudocost rule (GLP_BR_PCH) initialises a candidate's pseudocosts
   by strong branching (30 dual simplex iterations a side) but then picks the
   candidate with the largest degradation on EITHER side, max(d-, d+). The
   product score max(d-, e) * max(d+, e) (Achterberg, "Constraint Integer
   Programming", 2007, section 5.3) prefers candidates that move the bound on
   BOTH sides, which is what shrinks the tree. Pseudocosts are updated from the
   first LP of each child, before cuts. Measured on generated networks
   (README, Benchmarks): 200 countries x 2 posts 65.0 s -> 32.2 s.

   Column indices are those of the tree's problem (the presolved one when GLPK's
   MIP presolver runs); they are fixed for the whole search. Node reference
   numbers are reused once a node is gone, so a node's branching record is
   written when it branches and read by its children: GLPK keeps a node in the
   tree while it has children, so its number is not reused before they read it. */
typedef struct pcost_state_s {
    int n;
    int *dn_cnt, *up_cnt;              /* [1+n] observations per side */
    double *dn_sum, *up_sum;           /* [1+n] sums of degradation per unit change */
    int *cand;                         /* [1+n] candidates of the node */
    double *score;                     /* [1+n] */
    int slots;                         /* node records allocated */
    int *br_var;                       /* [slots] column the node branched on, 0 none */
    double *br_val, *br_obj;           /* its LP value there, and the node's LP objective */
    unsigned char *fresh;              /* [slots] 1 until the node's first LP is seen */
    int *rstat, *cstat; int rcap;      /* basis of the node LP for the scratch copy */
    long strong_lps;
    double strong_ms;
} pcost_state;

#define PCOST_ITERATIONS 30            /* dual simplex iterations of one strong-branching LP */

static void pcost_free(pcost_state *c) {
    if (c == NULL) return;
    free(c->dn_cnt); free(c->up_cnt); free(c->dn_sum); free(c->up_sum);
    free(c->cand); free(c->score);
    free(c->br_var); free(c->br_val); free(c->br_obj); free(c->fresh);
    free(c->rstat); free(c->cstat);
    free(c);
}

static pcost_state *pcost_new(int n) {
    pcost_state *c = calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    c->n = n;
    c->dn_cnt = calloc((size_t)n + 1, sizeof *c->dn_cnt);
    c->up_cnt = calloc((size_t)n + 1, sizeof *c->up_cnt);
    c->dn_sum = calloc((size_t)n + 1, sizeof *c->dn_sum);
    c->up_sum = calloc((size_t)n + 1, sizeof *c->up_sum);
    c->cand = calloc((size_t)n + 1, sizeof *c->cand);
    c->score = calloc((size_t)n + 1, sizeof *c->score);
    c->cstat = calloc((size_t)n + 1, sizeof *c->cstat);
    if (!c->dn_cnt || !c->up_cnt || !c->dn_sum || !c->up_sum || !c->cand || !c->score || !c->cstat) {
        pcost_free(c);
        return NULL;
    }
    return c;
}

/* Makes room for node reference number p; 0 when memory ran out. */
static int pcost_slot(pcost_state *c, int p) {
    if (p < c->slots) return 1;
    int slots = c->slots ? c->slots : 1024;
    while (slots <= p) slots *= 2;
    int *v = realloc(c->br_var, (size_t)slots * sizeof *v);
    if (v) c->br_var = v;
    double *x = realloc(c->br_val, (size_t)slots * sizeof *x);
    if (x) c->br_val = x;
    double *z = realloc(c->br_obj, (size_t)slots * sizeof *z);
    if (z) c->br_obj = z;
    unsigned char *f = realloc(c->fresh, (size_t)slots);
    if (f) c->fresh = f;
    if (!v || !x || !z || !f) return 0;
    for (int k = c->slots; k < slots; k++) { c->br_var[k] = 0; c->fresh[k] = 0; }
    c->slots = slots;
    return 1;
}

/* Objective degradation (>= 0, in the objective's units) of the node LP when
   column j gets the bound `bnd` (upper when up == 0, lower when up == 1), by at
   most PCOST_ITERATIONS dual simplex iterations on the scratch copy S, whose
   basis is restored afterwards; HUGE_VAL when that side is infeasible. Dual
   simplex keeps dual feasibility, so a stop at the iteration limit still gives
   a valid lower bound on the degradation. */
static double strong_branch(pcost_state *c, glp_prob *P, glp_prob *S, int j, double bnd, int up) {
    int type = glp_get_col_type(S, j);
    double lb0 = glp_get_col_lb(S, j), ub0 = glp_get_col_ub(S, j);
    int has_lb = type == GLP_LO || type == GLP_DB || type == GLP_FX;
    int has_ub = type == GLP_UP || type == GLP_DB || type == GLP_FX;
    if (up) {   /* x_j >= bnd, the upper bound kept if there is one */
        if (has_ub) glp_set_col_bnds(S, j, bnd == ub0 ? GLP_FX : GLP_DB, bnd, ub0);
        else glp_set_col_bnds(S, j, GLP_LO, bnd, 0);
    } else {    /* x_j <= bnd, the lower bound kept if there is one */
        if (has_lb) glp_set_col_bnds(S, j, bnd == lb0 ? GLP_FX : GLP_DB, lb0, bnd);
        else glp_set_col_bnds(S, j, GLP_UP, 0, bnd);
    }
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.meth = GLP_DUAL;
    smcp.it_lim = PCOST_ITERATIONS;
    int ret = glp_simplex(S, &smcp);
    c->strong_lps++;
    double degradation = 0;
    if (ret == 0 || ret == GLP_EITLIM) {
        if (glp_get_prim_stat(S) == GLP_NOFEAS) {
            degradation = HUGE_VAL;
        } else if (glp_get_dual_stat(S) == GLP_FEAS || ret == GLP_EITLIM) {
            double z0 = glp_get_obj_val(P), z1 = glp_get_obj_val(S);
            degradation = glp_get_obj_dir(P) == GLP_MIN ? z1 - z0 : z0 - z1;
            if (!(degradation > 0)) degradation = 0;
        }
    }
    glp_set_col_bnds(S, j, type, lb0, ub0);
    int m = glp_get_num_rows(S);
    for (int i = 1; i <= m; i++) glp_set_row_stat(S, i, c->rstat[i]);
    for (int k = 1; k <= c->n; k++) glp_set_col_stat(S, k, c->cstat[k]);
    return degradation;
}

/* First LP of a child: one observation of the per-unit degradation on the side
   its parent branched. */
static void pcost_observe(pcost_state *c, glp_tree *T) {
    int p = glp_ios_curr_node(T);
    if (!pcost_slot(c, p) || !c->fresh[p]) return;
    c->fresh[p] = 0;
    int q = glp_ios_up_node(T, p);
    if (q == 0 || q >= c->slots || c->br_var[q] == 0) return;
    glp_prob *P = glp_ios_get_prob(T);
    int j = c->br_var[q];
    double dx = glp_get_col_prim(P, j) - c->br_val[q];
    if (fabs(dx) < 1e-9) return;
    double z = glp_get_obj_val(P);
    double dz = glp_get_obj_dir(P) == GLP_MIN ? z - c->br_obj[q] : c->br_obj[q] - z;
    if (!(dz > 0)) dz = 0;
    if (dx < 0) { c->dn_cnt[j]++; c->dn_sum[j] += dz / -dx; }
    else { c->up_cnt[j]++; c->up_sum[j] += dz / dx; }
}

/* Chooses the branching column of the current node and branches on it. Leaves
   the choice to GLPK (its br_tech) when memory runs out. */
static void pcost_branch(cglpk_session *s, pcost_state *c, glp_tree *T) {
    glp_prob *P = glp_ios_get_prob(T);
    int p = glp_ios_curr_node(T);
    int m = glp_get_num_rows(P), n = c->n;
    if (!pcost_slot(c, p)) return;
    if (m + 1 > c->rcap) {
        int *grown = realloc(c->rstat, (size_t)(m + 1) * sizeof *grown);
        if (grown == NULL) return;
        c->rstat = grown;
        c->rcap = m + 1;
    }
    double t0 = glp_time();
    int dir = glp_get_obj_dir(P);
    double z = glp_get_obj_val(P);
    int st = glp_mip_status(P);
    int have = st == GLP_FEAS || st == GLP_OPT;
    double incumbent = have ? glp_mip_obj_val(P) : 0;
    double eps = 1e-6 * (1 + fabs(z));
    /* average pseudocosts stand in for candidates without observations */
    double avg_dn = 0, avg_up = 0;
    int n_dn = 0, n_up = 0;
    for (int j = 1; j <= n; j++) {
        if (c->dn_cnt[j]) { avg_dn += c->dn_sum[j] / c->dn_cnt[j]; n_dn++; }
        if (c->up_cnt[j]) { avg_up += c->up_sum[j] / c->up_cnt[j]; n_up++; }
    }
    avg_dn = n_dn ? avg_dn / n_dn : 1;
    avg_up = n_up ? avg_up / n_up : 1;
    int nc = 0;
    for (int j = 1; j <= n; j++) {
        if (!glp_ios_can_branch(T, j)) continue;
        double x = glp_get_col_prim(P, j), f = x - floor(x);
        double d = (c->dn_cnt[j] ? c->dn_sum[j] / c->dn_cnt[j] : avg_dn) * f;
        double u = (c->up_cnt[j] ? c->up_sum[j] / c->up_cnt[j] : avg_up) * (1 - f);
        c->score[j] = fmax(d, eps) * fmax(u, eps);
        c->cand[nc++] = j;
    }
    if (nc == 0) return;
    /* candidates by estimated score, best first (stable: ties by column) */
    for (int a = 1; a < nc; a++) {
        int v = c->cand[a], b = a - 1;
        while (b >= 0 && c->score[c->cand[b]] < c->score[v]) { c->cand[b + 1] = c->cand[b]; b--; }
        c->cand[b + 1] = v;
    }
    glp_prob *S = NULL;
    int best = c->cand[0], next = GLP_DN_BRNCH;
    double best_score = -1;
    for (int a = 0; a < nc; a++) {
        int j = c->cand[a];
        double x = glp_get_col_prim(P, j), f = x - floor(x), d, u;
        if (c->dn_cnt[j] && c->up_cnt[j]) {
            d = c->dn_sum[j] / c->dn_cnt[j] * f;
            u = c->up_sum[j] / c->up_cnt[j] * (1 - f);
        } else {
            if (s->cancel || (s->deadline > 0 && glp_time() >= s->deadline)) break;
            if (S == NULL) {
                S = glp_create_prob();
                glp_copy_prob(S, P, GLP_OFF);
                for (int i = 1; i <= m; i++) glp_set_row_stat(S, i, c->rstat[i] = glp_get_row_stat(P, i));
                for (int k = 1; k <= n; k++) glp_set_col_stat(S, k, c->cstat[k] = glp_get_col_stat(P, k));
            }
            d = strong_branch(c, P, S, j, floor(x), 0);
            u = strong_branch(c, P, S, j, ceil(x), 1);
            if (d != HUGE_VAL) { c->dn_cnt[j]++; c->dn_sum[j] += d / f; }
            if (u != HUGE_VAL) { c->up_cnt[j]++; c->up_sum[j] += u / (1 - f); }
            /* a side that is infeasible, or cannot beat the incumbent, will be
               pruned as soon as it is solved: branch here, go on with the other */
            double tol = 1e-9 * (1 + fabs(incumbent));
            int cut_d = d == HUGE_VAL || (have && (dir == GLP_MIN ? z + d >= incumbent - tol : z - d <= incumbent + tol));
            int cut_u = u == HUGE_VAL || (have && (dir == GLP_MIN ? z + u >= incumbent - tol : z - u <= incumbent + tol));
            if (cut_d || cut_u) {
                best = j;
                next = cut_d ? GLP_UP_BRNCH : GLP_DN_BRNCH;
                break;
            }
        }
        double score = fmax(d, eps) * fmax(u, eps);
        if (score > best_score) {
            best_score = score;
            best = j;
            next = d <= u ? GLP_DN_BRNCH : GLP_UP_BRNCH;
        }
    }
    if (S != NULL) glp_delete_prob(S);
    c->br_var[p] = best;
    c->br_val[p] = glp_get_col_prim(P, best);
    c->br_obj[p] = z;
    c->strong_ms += glp_time() - t0;
    glp_ios_branch_upon(T, best, next);
}

static void pcost_callback(cglpk_session *s, glp_tree *T) {
    int reason = glp_ios_reason(T);
    if (reason != GLP_IPREPRO && reason != GLP_IROWGEN && reason != GLP_IBRANCH) return;
    if (s->pcost == NULL && !s->pcost_broken) {
        s->pcost = pcost_new(glp_get_num_cols(glp_ios_get_prob(T)));
        if (s->pcost == NULL) s->pcost_broken = 1;
    }
    pcost_state *c = s->pcost;
    if (c == NULL) return;
    switch (reason) {
    case GLP_IPREPRO: {
        int p = glp_ios_curr_node(T);
        if (pcost_slot(c, p)) c->fresh[p] = 1;
        break;
    }
    case GLP_IROWGEN: pcost_observe(c, T); break;
    case GLP_IBRANCH: pcost_branch(s, c, T); break;
    default: break;
    }
}

/* The incumbent exchange (cglpk_solve_params.exchange_poll/publish).

   GLPK's callback sees the problem its MIP presolver built, whose columns are
   not the caller's and carry no names, and glp_ios_heur_sol takes a plan in those
   columns. So the shim first runs GLPK's LP/MIP preprocessor through its public
   API with names kept (glp_npp_*), which yields a named problem Q, and solves Q
   with glp_intopt and its presolver on. When that second presolver removes
   nothing more, the tree's columns are Q's in the same order: this is checked at
   the root (count, kind, objective coefficient and nonzeros of every column),
   and Q's names give the caller's column of each. A plan offered by the
   heuristic is then rounded on its integer columns and checked against the
   root's bounds and every original row of the tree's problem (relative
   tolerance 1e-6) before glp_ios_heur_sol sees it: GLPK does not check it. */
typedef struct exchange_state_s {
    const cglpk_solve_params *p;
    glp_prob *orig;             /* the caller's problem */
    glp_prob *named;            /* Q */
    int checked, active;
    int n, m0;                  /* tree columns, rows at the root */
    int *col;                   /* [1+n] caller's column (1-based) of each tree column */
    double *lb, *ub;            /* [1+n] bounds at the root */
    int *type;
    double *x;                  /* [1+n] */
    double *ox;                 /* [ncols of orig] */
    int *ind; double *val;      /* [1+n] row scratch */
    int offers, accepted;
} exchange_state;

static void exchange_free(exchange_state *x) {
    if (x == NULL) return;
    free(x->col); free(x->lb); free(x->ub); free(x->type); free(x->x); free(x->ox); free(x->ind); free(x->val);
    free(x);
}

/* At the root: match the tree's columns to Q's and record the global bounds. */
static void exchange_check(cglpk_session *s, exchange_state *x, glp_prob *P) {
    x->checked = 1;
    int n = glp_get_num_cols(P), nq = glp_get_num_cols(x->named), no = glp_get_num_cols(x->orig);
    if (n != nq || n == 0) {
        shim_note(s, "dipnet: incumbent exchange off: GLPK's presolver left %d columns of %d\n", n, nq);
        return;
    }
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(P, j) != glp_get_col_kind(x->named, j) ||
            glp_get_obj_coef(P, j) != glp_get_obj_coef(x->named, j) ||
            glp_get_mat_col(P, j, NULL, NULL) != glp_get_mat_col(x->named, j, NULL, NULL)) {
            shim_note(s, "dipnet: incumbent exchange off: column %d of GLPK's presolved problem does not match\n", j);
            return;
        }
    }
    x->col = calloc((size_t)n + 1, sizeof *x->col);
    x->lb = malloc(((size_t)n + 1) * sizeof *x->lb);
    x->ub = malloc(((size_t)n + 1) * sizeof *x->ub);
    x->type = malloc(((size_t)n + 1) * sizeof *x->type);
    x->x = malloc(((size_t)n + 1) * sizeof *x->x);
    x->ox = malloc(((size_t)no + 1) * sizeof *x->ox);
    x->ind = malloc(((size_t)n + 1) * sizeof *x->ind);
    x->val = malloc(((size_t)n + 1) * sizeof *x->val);
    if (!x->col || !x->lb || !x->ub || !x->type || !x->x || !x->ox || !x->ind || !x->val) return;
    for (int j = 1; j <= n; j++) {
        const char *name = glp_get_col_name(x->named, j);
        int k = name != NULL ? glp_find_col(x->orig, name) : 0;
        if (k == 0) {
            shim_note(s, "dipnet: incumbent exchange off: column %d has no name to match\n", j);
            return;
        }
        x->col[j] = k;
        x->lb[j] = glp_get_col_lb(P, j);
        x->ub[j] = glp_get_col_ub(P, j);
        x->type[j] = glp_get_col_type(P, j);
    }
    x->n = n;
    x->m0 = glp_get_num_rows(P);
    x->active = 1;
}

static int exchange_violates(double v, int type, double lb, double ub) {
    if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && v < lb - 1e-6 * (1 + fabs(lb))) return 1;
    if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && v > ub + 1e-6 * (1 + fabs(ub))) return 1;
    return 0;
}

/* At a node's heuristic step: the heuristic's newest plan, checked, to GLPK. */
static void exchange_poll(cglpk_session *s, exchange_state *x, glp_tree *T, glp_prob *P) {
    int no = glp_get_num_cols(x->orig);
    double obj = 0;
    if (!x->p->exchange_poll(x->p->exchange_context, no, x->ox, &obj)) return;
    x->offers++;
    for (int j = 1; j <= x->n; j++) {
        double v = x->ox[x->col[j] - 1];
        if (!isfinite(v)) return;
        if (glp_get_col_kind(P, j) != GLP_CV) v = floor(v + 0.5);
        if (exchange_violates(v, x->type[j], x->lb[j], x->ub[j])) {
            shim_note(s, "dipnet: a plan offered to the tree breaks a bound of column %s: not taken\n", glp_get_col_name(x->named, j));
            return;
        }
        x->x[j] = v;
    }
    for (int i = 1; i <= x->m0; i++) {
        int len = glp_get_mat_row(P, i, x->ind, x->val);
        double a = 0;
        for (int t = 1; t <= len; t++) a += x->val[t] * x->x[x->ind[t]];
        if (exchange_violates(a, glp_get_row_type(P, i), glp_get_row_lb(P, i), glp_get_row_ub(P, i))) {
            shim_note(s, "dipnet: a plan offered to the tree breaks row %d of GLPK's presolved problem: not taken\n", i);
            return;
        }
    }
    if (glp_ios_heur_sol(T, x->x) == 0) x->accepted++;
}

/* When the tree finds a better plan: its values in the caller's columns. */
static void exchange_publish(exchange_state *x, glp_prob *P) {
    int no = glp_get_num_cols(x->orig);
    for (int k = 0; k < no; k++) x->ox[k] = NAN;
    for (int j = 1; j <= x->n; j++) x->ox[x->col[j] - 1] = glp_get_col_prim(P, j);
    x->p->exchange_publish(x->p->exchange_context, no, x->ox, glp_get_obj_val(P));
}

static void exchange_callback(cglpk_session *s, glp_tree *T) {
    exchange_state *x = s->xchg;
    glp_prob *P = glp_ios_get_prob(T);
    int reason = glp_ios_reason(T);
    if (!x->checked) {
        /* at the root, before its preprocessing (GLPK first asks to select it: no current node yet) */
        int node = glp_ios_curr_node(T);
        if (node == 0) return;
        if (reason != GLP_IPREPRO || glp_ios_up_node(T, node) != 0) {
            x->checked = 1;
            shim_note(s, "dipnet: incumbent exchange off: the tree's root was not seen\n");
            return;
        }
        exchange_check(s, x, P);
    }
    if (!x->active) return;
    if (reason == GLP_IHEUR && x->p->exchange_poll != NULL) exchange_poll(s, x, T, P);
    else if (reason == GLP_IBINGO && x->p->exchange_publish != NULL) exchange_publish(x, P);
}

static void mip_callback(glp_tree *T, void *info) {
    cglpk_session *s = info;
    s->in_tree = 1;
    if (s->product_branching) pcost_callback(s, T);
    if (s->xchg != NULL) exchange_callback(s, T);
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (s->start != NULL && s->start_status < 0)
            s->start_status = glp_ios_heur_sol(T, s->start) == 0 ? 1 : 0;
        break;
    default:
        break;
    }
    track_bound(s, T);
    {
        glp_prob *Q = glp_ios_get_prob(T);
        int st = glp_mip_status(Q);
        if (st == GLP_FEAS || st == GLP_OPT) {
            s->incumbent = glp_mip_obj_val(Q);
            s->has_incumbent = 1;
        }
    }
    /* GLPK checks its own time limit only between phases; long root cut rounds
       overran it by 80% on large networks. The callback runs at every cut
       round and node, so the deadline is also enforced here. */
    if (s->cancel || (s->deadline > 0 && glp_time() >= s->deadline)) glp_ios_terminate(T);
}

static int solve_guarded(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p,
                         cglpk_solve_report *r);

int cglpk_solve(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p,
                cglpk_solve_report *r) {
    s->started = monotonic_seconds();
    /* a GLPK error inside an exchange solve leaves through the jump buffer */
    exchange_free(s->xchg);
    s->xchg = NULL;
    s->has_incumbent = 0;
    s->has_saved = 0;
    s->use_saved = 0;
    s->attempt = 0;
    int code = solve_guarded(s, P, p, r);
    s->solving = 0;
    return code;
}

/* Settings of one attempt. Attempt 0 is the caller's; the others are tried in
   turn after a numerical failure (GLPK's documented remedies: scaling, another
   starting basis, the other simplex, with or without the MIP presolver). */
typedef struct {
    const char *what;         /* for the log */
    int presolve;             /* -1: as the caller asked */
    int scale;                /* 0 none, 1 GLPK's auto scaling, 2 geometric mean + equilibration, -1 unscale */
    int basis;                /* 0 keep, 1 advanced, 2 standard */
    int meth;                 /* GLP_PRIMAL, GLP_DUALP */
    int cuts;                 /* -1: as the caller asked, else CGLPK_CUT_* bits */
} attempt_settings;

static const attempt_settings ATTEMPTS[] = {
    {"the requested settings", -1, 0, 0, GLP_PRIMAL, -1},
    {"geometric-mean and equilibration scaling, advanced basis, dual simplex, no presolve", 0, 2, 1, GLP_DUALP, -1},
    {"no scaling, standard basis, primal simplex, no presolve, no cuts", 0, -1, 2, GLP_PRIMAL, 0},
    {"GLPK's MIP presolver with its own scaling, no cuts", 1, 1, 2, GLP_DUALP, 0},
};
#define N_ATTEMPTS ((int)(sizeof ATTEMPTS / sizeof ATTEMPTS[0]))

/* dipnet never asks for an iteration limit: a simplex that reaches this one is
   cycling (GLPK's primal simplex can repeat "numerical instability" forever at a
   near-degenerate optimum: 1.5 million iterations in 5 s on a two-post coalition).
   Two hundred iterations a row and column is far above what a solve needs (an LP
   typically takes a few per row); reaching it counts as a numerical failure, so
   the next settings are tried. */
static int simplex_iteration_cap(glp_prob *P) {
    long cap = 10000L + 200L * ((long)glp_get_num_rows(P) + (long)glp_get_num_cols(P));
    return cap > INT_MAX ? INT_MAX : (int)cap;
}

static int numerical_failure(int ret) {
    return ret == GLP_EFAIL || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EROOT || ret == GLP_EITLIM;
}

/* The objective of P's integer plan, from its values. GLPK's glp_mip_obj_val is the
   objective of the LP at the node where the plan was found, before its integer
   columns were rounded: within the integrality tolerance of it, not the plan's own. */
static double plan_objective(glp_prob *P) {
    double z = glp_get_obj_coef(P, 0);
    int n = glp_get_num_cols(P);
    for (int j = 1; j <= n; j++) z += glp_get_obj_coef(P, j) * glp_mip_col_val(P, j);
    return z;
}

static int better(glp_prob *P, double a, double b) {
    return glp_get_obj_dir(P) == GLP_MAX ? a > b : a < b;
}

/* Keeps the incumbent P holds after a failed attempt when it beats the saved one. */
static void save_incumbent(cglpk_session *s, glp_prob *P) {
    int st = glp_mip_status(P);
    if (st != GLP_FEAS && st != GLP_OPT) return;
    double obj = plan_objective(P);
    if (s->has_saved && !better(P, obj, s->saved_obj)) return;
    int n = glp_get_num_cols(P);
    if (s->saved == NULL || s->saved_n < n + 1) {
        double *grown = realloc(s->saved, (size_t)(n + 1) * sizeof *grown);
        if (grown == NULL) return;
        s->saved = grown;
        s->saved_n = n + 1;
    }
    s->saved[0] = 0;
    for (int j = 1; j <= n; j++) s->saved[j] = glp_mip_col_val(P, j);
    s->saved_obj = obj;
    s->has_saved = 1;
}

static int remaining_ms(const cglpk_session *s, int tm_lim) {
    if (tm_lim == INT_MAX) return INT_MAX;
    double left = s->deadline - glp_time();
    return left < 1 ? 0 : (int)left;
}

static void apply_settings(glp_prob *P, const attempt_settings *a) {
    if (a->scale == 1) glp_scale_prob(P, GLP_SF_AUTO);
    else if (a->scale == 2) glp_scale_prob(P, GLP_SF_GM | GLP_SF_EQ | GLP_SF_2N);
    else if (a->scale == -1) glp_unscale_prob(P);
    if (a->basis == 1) glp_adv_basis(P, 0);
    else if (a->basis == 2) glp_std_basis(P);
}

/* One LP solve with the attempt's settings. */
static void lp_attempt(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p, const attempt_settings *a,
                       int tm_lim, cglpk_solve_report *r) {
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = p->msg_lev;
    smcp.presolve = (a->presolve < 0 ? p->presolve : a->presolve) ? GLP_ON : GLP_OFF;
    smcp.meth = a->meth;
    smcp.tm_lim = tm_lim;
    smcp.it_lim = simplex_iteration_cap(P);
    apply_settings(P, a);
    r->ret = glp_simplex(P, &smcp);
    r->status = glp_get_status(P);
    r->lp_status = r->status;
    r->objective = glp_get_obj_val(P);
    (void)s;
}

/* The first stage of a staged root LP (cglpk_solve_params.stage_cols): the LP
   with the stage columns fixed and the stage rows free, from the current basis;
   every bound is then restored, so that the caller's glp_simplex starts from the
   stage's optimal basis. When the stage fails, the advanced basis is restored. */
static void staged_root(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p, glp_smcp *smcp) {
    int nc = p->n_stage_cols, nr = p->n_stage_rows;
    int *ctype = malloc((size_t)(nc + 1) * sizeof *ctype), *rtype = malloc((size_t)(nr + 1) * sizeof *rtype);
    double *clb = malloc((size_t)(nc + 1) * sizeof *clb), *cub = malloc((size_t)(nc + 1) * sizeof *cub);
    double *rlb = malloc((size_t)(nr + 1) * sizeof *rlb), *rub = malloc((size_t)(nr + 1) * sizeof *rub);
    if (!ctype || !rtype || !clb || !cub || !rlb || !rub) goto done;
    for (int k = 0; k < nc; k++) {
        int j = p->stage_cols[k];
        ctype[k] = glp_get_col_type(P, j);
        clb[k] = glp_get_col_lb(P, j);
        cub[k] = glp_get_col_ub(P, j);
        double at = (ctype[k] == GLP_LO || ctype[k] == GLP_DB || ctype[k] == GLP_FX) ? clb[k] : 0;
        glp_set_col_bnds(P, j, GLP_FX, at, at);
    }
    for (int k = 0; k < nr; k++) {
        int i = p->stage_rows[k];
        rtype[k] = glp_get_row_type(P, i);
        rlb[k] = glp_get_row_lb(P, i);
        rub[k] = glp_get_row_ub(P, i);
        glp_set_row_bnds(P, i, GLP_FR, 0, 0);
    }
    double t0 = glp_time();
    int ret = glp_simplex(P, smcp);
    int ok = ret == 0 && glp_get_status(P) == GLP_OPT;
    shim_note(s, "dipnet: staged root LP: %d columns fixed, %d rows free: %s in %.1f s%s\n", nc, nr,
              ok ? "optimal" : "no optimum", (glp_time() - t0) / 1000.0,
              ok ? "; the LP goes on from its basis with every bound restored" : "; the LP starts afresh");
    for (int k = 0; k < nc; k++) glp_set_col_bnds(P, p->stage_cols[k], ctype[k], clb[k], cub[k]);
    for (int k = 0; k < nr; k++) glp_set_row_bnds(P, p->stage_rows[k], rtype[k], rlb[k], rub[k]);
    if (!ok) glp_adv_basis(P, 0);
    if (smcp->tm_lim != INT_MAX) {
        int spent = (int)(glp_time() - t0);
        smcp->tm_lim = spent >= smcp->tm_lim ? 1 : smcp->tm_lim - spent;
    }
done:
    free(ctype); free(rtype); free(clb); free(cub); free(rlb); free(rub);
}

/* glp_intopt with the incumbent exchange (see exchange_state): GLPK's
   preprocessor with names kept, then glp_intopt on its named result Q with the
   presolver on, then Q's plan carried back to P by GLPK's postprocessor. When the
   preprocessor finds the problem infeasible or leaves nothing, P is solved as
   without the exchange. Returns 1 when Q ended without a plan (nothing to carry
   back: r->status is Q's status), 0 when P's MIP status is to be read. */
static int exchange_intopt(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p, glp_iocp *iocp,
                            cglpk_solve_report *r) {
    glp_prep *prep = glp_npp_alloc_wksp();
    glp_npp_load_prob(prep, P, GLP_MIP, GLP_ON);
    int pre = glp_npp_preprocess1(prep, GLP_ON);
    glp_prob *Q = NULL;
    if (pre == 0) {
        Q = glp_create_prob();
        glp_npp_build_prob(prep, Q);
        if (glp_get_num_cols(Q) == 0 || glp_get_num_rows(Q) == 0) { glp_delete_prob(Q); Q = NULL; }
    }
    if (Q == NULL) {
        shim_note(s, "dipnet: incumbent exchange off: GLPK's preprocessor %s\n",
                  pre == 0 ? "left an empty problem" : "found no feasible plan");
        glp_npp_free_wksp(prep);
        r->ret = glp_intopt(P, iocp);
        return 0;
    }
    glp_create_index(P);
    exchange_state *x = calloc(1, sizeof *x);
    if (x == NULL) {
        glp_delete_prob(Q);
        glp_npp_free_wksp(prep);
        r->ret = glp_intopt(P, iocp);
        return 0;
    }
    x->p = p;
    x->orig = P;
    x->named = Q;
    s->xchg = x;
    r->ret = glp_intopt(Q, iocp);
    s->xchg = NULL;
    r->exchange_active = x->active;
    r->exchange_offers = x->offers;
    r->exchange_accepted = x->accepted;
    if (x->active)
        shim_note(s, "dipnet: incumbent exchange: %d plan%s offered to the tree, %d taken\n",
                  x->offers, x->offers == 1 ? "" : "s", x->accepted);
    exchange_free(x);
    int st = glp_mip_status(Q), planless = !(st == GLP_OPT || st == GLP_FEAS);
    if (planless) {
        r->status = st;
        r->objective = 0;
    } else {
        glp_npp_postprocess(prep, Q);
        glp_npp_obtain_sol(prep, P);
    }
    glp_delete_prob(Q);
    glp_npp_free_wksp(prep);
    return planless;
}

/* One MIP solve with the attempt's settings; `start` is the starting incumbent or NULL. */
static void mip_attempt(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p, const attempt_settings *a,
                        int tm_lim, const double *start, cglpk_solve_report *r) {
    int cuts = a->cuts < 0 ? p->cuts : a->cuts;
    int presolve = a->presolve < 0 ? p->presolve : a->presolve;
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = p->msg_lev;
    iocp.tm_lim = tm_lim;
    iocp.mip_gap = p->mip_gap;
    /* GLPK's default integrality tolerance, 1e-5, takes a binary at 0.99999 as open
       while its LP counts 0.99999 of the post's cost: up to EUR 10 on a cost of a
       million, enough to prune the optimum (README "Trusting the numbers"). 1e-7 is
       GLPK's primal feasibility tolerance; measured on the ladder, no slower. */
    iocp.tol_int = 1e-7;
    iocp.mir_cuts = (cuts & CGLPK_CUT_MIR) ? GLP_ON : GLP_OFF;
    iocp.gmi_cuts = (cuts & CGLPK_CUT_GOMORY) ? GLP_ON : GLP_OFF;
    iocp.cov_cuts = (cuts & CGLPK_CUT_COVER) ? GLP_ON : GLP_OFF;
    iocp.clq_cuts = (cuts & CGLPK_CUT_CLIQUE) ? GLP_ON : GLP_OFF;
    iocp.cb_func = mip_callback;
    iocp.cb_info = s;
    if (p->branching == CGLPK_BRANCH_PSEUDOCOST || p->branching == CGLPK_BRANCH_PRODUCT) iocp.br_tech = GLP_BR_PCH;
    s->product_branching = p->branching == CGLPK_BRANCH_PRODUCT;
    pcost_free(s->pcost);
    s->pcost = NULL;
    s->pcost_broken = 0;
    s->start = start;
    s->start_status = -1;
    s->in_tree = 0;
    if (start == NULL && presolve) {
        iocp.presolve = GLP_ON;
        if (a->scale != 0) apply_settings(P, a);
    } else {
        /* The callback of the MIP presolver sees the transformed problem, whose
           columns differ from ours: a starting incumbent needs the original
           problem, so solve the root LP first and branch without presolve. */
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = p->msg_lev;
        smcp.presolve = GLP_OFF;
        smcp.meth = a->meth;
        smcp.tm_lim = tm_lim;
        smcp.it_lim = simplex_iteration_cap(P);
        /* Without the presolver nothing scales the problem: scale it as the
           presolver and glpsol do (money rows next to case rows otherwise give
           condition numbers of 1e12 and more). */
        if (a->scale == 0) glp_scale_prob(P, GLP_SF_AUTO);
        apply_settings(P, a);
        double t0 = glp_time();
        if (a == &ATTEMPTS[0] && p->n_stage_cols + p->n_stage_rows > 0) staged_root(s, P, p, &smcp);
        int ret = glp_simplex(P, &smcp);
        /* the time limit covers both phases */
        double spent = glp_time() - t0;
        if (tm_lim != INT_MAX)
            iocp.tm_lim = spent >= tm_lim ? 1 : tm_lim - (int)spent;
        r->lp_status = glp_get_status(P);
        if (ret != 0 || r->lp_status != GLP_OPT) {
            r->ret = ret == 0 ? (r->lp_status == GLP_UNBND ? GLP_ENODFS : GLP_ENOPFS) : ret;
            r->status = r->lp_status == GLP_NOFEAS && ret == 0 ? GLP_NOFEAS : GLP_UNDEF;
            return;
        }
        if (p->on_relaxation != NULL) {
            int n = glp_get_num_cols(P);
            double *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
            if (x != NULL) {
                for (int j = 0; j < n; j++) x[j] = glp_get_col_prim(P, j + 1);
                p->on_relaxation(p->relaxation_context, n, x, glp_get_obj_val(P));
                free(x);
            }
        }
        iocp.presolve = GLP_OFF;
    }
    int exchange = iocp.presolve == GLP_ON && a == &ATTEMPTS[0] && p->exchange_context != NULL &&
                   (p->exchange_poll != NULL || p->exchange_publish != NULL);
    int planless = 0;
    if (exchange) planless = exchange_intopt(s, P, p, &iocp, r);
    else r->ret = glp_intopt(P, &iocp);
    if (s->pcost != NULL) {
        if (s->pcost->strong_lps > 0)
            shim_note(s, "dipnet: pseudocost branching with the product score: %ld strong-branching LPs in %.1f s\n",
                  s->pcost->strong_lps, s->pcost->strong_ms / 1000.0);
        pcost_free(s->pcost);
        s->pcost = NULL;
    }
    r->deadline_hit = r->ret == GLP_ESTOP && !s->cancel && s->deadline > 0 && glp_time() >= s->deadline;
    if (planless) {  /* the exchange's Q ended without a plan: its status stands */
        r->start_status = s->start_status;
        return;
    }
    r->status = glp_mip_status(P);
    r->objective = plan_objective(P);
    r->start_status = s->start_status;
}

static int solve_guarded(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p,
                         cglpk_solve_report *r) {
    memset(r, 0, sizeof *r);
    r->start_status = -1;
    s->start = p->start;
    s->start_status = -1;
    s->bound_known = 0;
    s->in_tree = 0;
    GUARD(s);
    s->solving = 1;
    s->deadline = p->tm_lim == INT_MAX ? 0 : glp_time() + p->tm_lim;
    int last = p->retries < 0 ? 0 : (p->retries >= N_ATTEMPTS ? N_ATTEMPTS - 1 : p->retries);
    int start_status = -1;
    for (int k = 0; k <= last; k++) {
        int tm_lim = k == 0 ? p->tm_lim : remaining_ms(s, p->tm_lim);
        if (tm_lim == 0) break;
        s->attempt = k + 1;
        r->attempts = k + 1;
        const attempt_settings *a = &ATTEMPTS[k];
        if (k > 0)
            shim_note(s, "dipnet: attempt %d of %d after GLPK's %s: %s%s\n", k + 1, last + 1,
                      r->ret == GLP_EFAIL ? "numerical failure" : r->ret == GLP_ESING ? "singular basis"
                      : r->ret == GLP_ECOND ? "ill-conditioned basis" : "failure",
                      a->what, p->is_mip && s->has_saved ? ", starting from the best plan so far" : "");
        int bound_known = s->bound_known;
        double best_bound = s->best_bound;
        if (!p->is_mip) {
            lp_attempt(s, P, p, a, tm_lim, r);
        } else {
            /* retries start from the best plan so far; GLPK's presolver takes none */
            const double *start = k == 0 ? p->start : a->presolve == 1 ? NULL : s->has_saved ? s->saved : p->start;
            mip_attempt(s, P, p, a, tm_lim, start, r);
            if (k == 0) start_status = r->start_status;
            if (!s->bound_known && bound_known) { s->bound_known = 1; s->best_bound = best_bound; }
        }
        if (k < p->simulated_failures) r->ret = GLP_EFAIL;
        if (!numerical_failure(r->ret)) break;
        if (r->first_failure == 0) r->first_failure = r->ret;
        if (p->is_mip) save_incumbent(s, P);
        if (s->cancel) break;
    }
    r->start_status = start_status;
    r->bound_known = s->bound_known;
    r->best_bound = s->best_bound;
    if (p->is_mip && s->has_saved) {
        int st = glp_mip_status(P);
        int own = numerical_failure(r->ret) ? 0 : (st == GLP_FEAS || st == GLP_OPT);
        if (!own || better(P, s->saved_obj, plan_objective(P))) {
            s->use_saved = 1;
            r->saved_incumbent = 1;
            r->status = GLP_FEAS;
            r->objective = s->saved_obj;
        }
    }
    if (r->first_failure != 0)
        shim_note(s, "dipnet: %s after %d attempt%s%s\n",
                  numerical_failure(r->ret) ? "GLPK failed with every setting" : "GLPK recovered",
                  r->attempts, r->attempts == 1 ? "" : "s",
                  r->saved_incumbent ? "; keeping the best plan found before the failure" : "");
    return CGLPK_OK;
}

int cglpk_solution(cglpk_session *s, glp_prob *P, int is_mip,
                   double *col_value, double *row_value,
                   double *row_dual, double *col_dual) {
    GUARD(s);
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    if (is_mip && s->use_saved) {
        for (int j = 0; j < n; j++) if (col_value) col_value[j] = s->saved[j + 1];
        if (row_value) {
            int *ind = malloc((size_t)(n + 1) * sizeof *ind);
            double *val = malloc((size_t)(n + 1) * sizeof *val);
            if (ind == NULL || val == NULL) { free(ind); free(val); return CGLPK_FATAL; }
            for (int i = 0; i < m; i++) {
                int len = glp_get_mat_row(P, i + 1, ind, val);
                double sum = 0;
                for (int t = 1; t <= len; t++) sum += val[t] * s->saved[ind[t]];
                row_value[i] = sum;
            }
            free(ind);
            free(val);
        }
        return CGLPK_OK;
    }
    for (int j = 0; j < n; j++) {
        if (col_value) col_value[j] = is_mip ? glp_mip_col_val(P, j + 1) : glp_get_col_prim(P, j + 1);
        if (col_dual && !is_mip) col_dual[j] = glp_get_col_dual(P, j + 1);
    }
    for (int i = 0; i < m; i++) {
        if (row_value) row_value[i] = is_mip ? glp_mip_row_val(P, i + 1) : glp_get_row_prim(P, i + 1);
        if (row_dual && !is_mip) row_dual[i] = glp_get_row_dual(P, i + 1);
    }
    return CGLPK_OK;
}

int cglpk_write(cglpk_session *s, glp_prob *P, int format, const char *path) {
    GUARD(s);
    int ret = format == 0 ? glp_write_lp(P, NULL, path) : glp_write_mps(P, GLP_MPS_FILE, NULL, path);
    return ret == 0 ? CGLPK_OK : 1;
}

int cglpk_read(cglpk_session *s, int format, const char *path, glp_prob **out) {
    *out = NULL;
    GUARD(s);
    glp_prob *P = glp_create_prob();
    int ret = format == 0 ? glp_read_lp(P, NULL, path) : glp_read_mps(P, GLP_MPS_FILE, NULL, path);
    if (ret != 0) {
        glp_delete_prob(P);
        return 1;
    }
    *out = P;
    return CGLPK_OK;
}

int cglpk_rows(glp_prob *P) { return glp_get_num_rows(P); }
int cglpk_cols(glp_prob *P) { return glp_get_num_cols(P); }

void cglpk_delete(cglpk_session *s, glp_prob *P) {
    install(s);
    if (setjmp(s->jump) != 0) { glp_free_env(); return; }
    glp_delete_prob(P);
}

void cglpk_free_env(void) { glp_free_env(); }

int cglpk_provoke_fatal(cglpk_session *s) {
    GUARD(s);
    glp_prob *P = glp_create_prob();
    glp_add_cols(P, 1);
    glp_set_col_bnds(P, 7, GLP_LO, 0.0, 0.0); /* column 7 does not exist */
    glp_delete_prob(P);
    return CGLPK_OK;
}
