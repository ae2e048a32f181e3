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
};

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

static void mip_callback(glp_tree *T, void *info) {
    cglpk_session *s = info;
    s->in_tree = 1;
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

static int numerical_failure(int ret) {
    return ret == GLP_EFAIL || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EROOT;
}

static int better(glp_prob *P, double a, double b) {
    return glp_get_obj_dir(P) == GLP_MAX ? a > b : a < b;
}

/* Keeps the incumbent P holds after a failed attempt when it beats the saved one. */
static void save_incumbent(cglpk_session *s, glp_prob *P) {
    int st = glp_mip_status(P);
    if (st != GLP_FEAS && st != GLP_OPT) return;
    double obj = glp_mip_obj_val(P);
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
    iocp.mir_cuts = (cuts & CGLPK_CUT_MIR) ? GLP_ON : GLP_OFF;
    iocp.gmi_cuts = (cuts & CGLPK_CUT_GOMORY) ? GLP_ON : GLP_OFF;
    iocp.cov_cuts = (cuts & CGLPK_CUT_COVER) ? GLP_ON : GLP_OFF;
    iocp.clq_cuts = (cuts & CGLPK_CUT_CLIQUE) ? GLP_ON : GLP_OFF;
    iocp.cb_func = mip_callback;
    iocp.cb_info = s;
    if (p->branching == CGLPK_BRANCH_PSEUDOCOST) iocp.br_tech = GLP_BR_PCH;
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
    r->ret = glp_intopt(P, &iocp);
    r->deadline_hit = r->ret == GLP_ESTOP && !s->cancel && s->deadline > 0 && glp_time() >= s->deadline;
    r->status = glp_mip_status(P);
    r->objective = glp_mip_obj_val(P);
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
        if (!own || better(P, s->saved_obj, glp_mip_obj_val(P))) {
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
