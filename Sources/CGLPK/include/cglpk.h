// cglpk: a small C shim around GLPK.
//
// GLPK reports invalid input by calling abort() after its error hook returns.
// Swift cannot call setjmp, so every GLPK entry point that can fail is wrapped
// here: the wrapper sets a jump buffer, installs the error hook, calls GLPK and
// returns CGLPK_FATAL instead of letting the process die. After a fatal error
// GLPK's environment of the calling thread has been freed (glp_free_env), so
// every problem object created on that thread is gone.
//
// GLPK keeps its environment in thread-local storage: a problem must be created,
// used and deleted on one OS thread, and cglpk_free_env() called on that thread
// when it is done.
#ifndef CGLPK_H
#define CGLPK_H

#if defined(__has_include)
#if !__has_include(<glpk.h>)
#error "GLPK's header glpk.h was not found. Debian/Ubuntu: sudo apt-get install libglpk-dev (scripts/install-deps.sh does it). macOS: brew install glpk (Package.swift searches Homebrew's /opt/homebrew and /usr/local)."
#endif
#endif
#include <glpk.h>
#include <stddef.h>

#define CGLPK_OK 0
#define CGLPK_FATAL (-1)
/* A cancelled solve left GLPK before branch-and-bound began (no incumbent
   can exist yet); as after a fatal error, the thread's environment is freed. */
#define CGLPK_CANCELLED (-2)

typedef struct cglpk_session cglpk_session;

/// Per-solve state: jump buffer, captured terminal output, error message,
/// optional starting incumbent and a cancellation flag. Owned by one thread.
cglpk_session *cglpk_session_create(int echo_to_stderr);
void cglpk_session_destroy(cglpk_session *s);
/// Everything GLPK printed during this session (NUL-terminated).
const char *cglpk_session_log(const cglpk_session *s);
/// The message of the last fatal error, or "" if none.
const char *cglpk_session_error(const cglpk_session *s);
/// Asks a running solve to stop (any thread): branch-and-bound stops at its
/// next callback and keeps its incumbent; before branch-and-bound (presolve,
/// the root LP) GLPK is left at its next message, and cglpk_solve returns
/// CGLPK_CANCELLED.
void cglpk_session_cancel(cglpk_session *s);
/// 1 once branch-and-bound has started in the current solve (an incumbent may
/// exist and a cancellation keeps it), else 0. Any thread.
int cglpk_session_in_tree(const cglpk_session *s);

/// A whole problem in GLPK's conventions (arrays of rows/columns are 0-based here,
/// the matrix triplets ia/ja are 1-based row/column numbers, nnz entries).
typedef struct {
    const char *name;                 /* may be NULL */
    int sense;                        /* GLP_MIN or GLP_MAX */
    double obj_constant;
    int nrows, ncols, nnz;
    const double *obj;                /* ncols */
    const int *col_type;              /* GLP_FR, GLP_LO, GLP_UP, GLP_DB, GLP_FX */
    const double *col_lb, *col_ub;    /* ncols */
    const int *col_kind;              /* GLP_CV, GLP_IV, GLP_BV */
    const int *row_type;              /* nrows */
    const double *row_lb, *row_ub;    /* nrows */
    const int *ia, *ja;               /* nnz, 1-based indices */
    const double *ar;                 /* nnz */
    /* names: NULL, or one blob of NUL-terminated names with byte offsets */
    const char *col_names; const int *col_name_offsets;
    const char *row_names; const int *row_name_offsets;
} cglpk_problem_data;

/// Creates a problem and loads it whole (one glp_load_matrix).
int cglpk_load(cglpk_session *s, const cglpk_problem_data *d, glp_prob **out);

typedef struct {
    int is_mip;
    int presolve;                     /* 0 or 1 */
    int msg_lev;                      /* GLP_MSG_OFF .. GLP_MSG_ALL */
    int tm_lim;                       /* ms, INT_MAX for none */
    double mip_gap;                   /* relative gap, >= 0 */
    const double *start;              /* NULL or ncols+1 values (index 0 unused) */
    int cuts;                         /* CGLPK_CUT_* bits */
    int retries;                      /* settings to try after a numerical failure (0 = none) */
    int simulated_failures;           /* tests only: the first N attempts report GLP_EFAIL */
    int branching;                    /* CGLPK_BRANCH_* */
    /* MIP without the MIP presolver only: called on the solving thread once the
       root LP relaxation is optimal, with its column values (0-based, unscaled)
       and objective, before branch-and-cut starts. Must not call GLPK. */
    void (*on_relaxation)(void *context, int ncols, const double *col_value, double objective);
    void *relaxation_context;
    /* MIP without the MIP presolver, first attempt only: a staged root LP. The
       LP is first solved with these columns fixed at their lower bound (0 when
       they have none) and these rows free, then from that basis with every bound
       restored. For a model whose linking columns and rows join otherwise
       separate blocks, the first stage is the blocks' LPs and the second starts
       from their optimum. 1-based indices; NULL or 0 for none. */
    const int *stage_cols; int n_stage_cols;
    const int *stage_rows; int n_stage_rows;
    /* Incumbent exchange with a primal heuristic on another thread (MIP with the
       MIP presolver and no start, first attempt only; NULL for none). The shim
       then presolves in two steps, GLPK's LP/MIP preprocessor with names kept and
       then glp_intopt's own presolver, so that the tree's columns can be matched
       to the caller's by name; when they cannot be matched (GLPK's presolver
       removed more), the exchange stays off and the log says so.
       - exchange_poll: at every node's heuristic step; returns 1 and fills x
         (ncols values in the caller's columns, 0-based) and *objective when the
         heuristic has a plan the tree has not seen yet, else 0. The plan is
         checked against the tree's rows and global bounds before GLPK gets it.
       - exchange_publish: whenever the tree finds a better plan, with its values
         in the caller's columns (NAN where the presolver removed a column).
       Both run on the solving thread and must not call GLPK. */
    int (*exchange_poll)(void *context, int ncols, double *x, double *objective);
    void (*exchange_publish)(void *context, int ncols, const double *x, double objective);
    void *exchange_context;
} cglpk_solve_params;

#define CGLPK_BRANCH_DEFAULT 0        /* GLPK's default: Driebeek-Tomlin heuristic */
#define CGLPK_BRANCH_PSEUDOCOST 1     /* hybrid pseudocost (GLP_BR_PCH) */
#define CGLPK_BRANCH_PRODUCT 2        /* pseudocosts with the product score, strong-branching start (the shim's own) */

#define CGLPK_CUT_MIR 1
#define CGLPK_CUT_GOMORY 2
#define CGLPK_CUT_COVER 4
#define CGLPK_CUT_CLIQUE 8

typedef struct {
    int ret;                          /* glp_simplex / glp_intopt return code */
    int status;                       /* glp_get_status or glp_mip_status */
    double objective;
    int bound_known;                  /* 1 if best_bound is set */
    double best_bound;                /* best bound seen by branch-and-bound */
    int start_status;                 /* -1 none given, 0 rejected, 1 accepted */
    int lp_status;                    /* status of the LP relaxation (MIP only) */
    int deadline_hit;                 /* 1 if the shim stopped the search at the time limit */
    int attempts;                     /* settings tried (1 when the first one worked) */
    int first_failure;                /* return code of the first failed attempt, 0 if none */
    int saved_incumbent;              /* 1: the solution is an incumbent kept from a failed attempt */
    int exchange_active;              /* 1: the incumbent exchange ran (columns matched) */
    int exchange_offers;              /* plans the heuristic offered while the tree ran */
    int exchange_accepted;            /* of them, taken by GLPK as its incumbent */
} cglpk_solve_report;

/// Progress of the solve under way (any thread; values may be a moment old).
typedef struct {
    int solving;                      /* 1 while cglpk_solve runs */
    int in_tree;                      /* 1 once branch-and-bound has started */
    int has_incumbent;
    double incumbent;                 /* objective of the best integer solution so far */
    int bound_known;
    double bound;                     /* best bound of the open nodes */
    double elapsed;                   /* seconds since the solve began */
    int attempt;                      /* 1-based: which settings are being tried */
} cglpk_progress;
void cglpk_session_progress(const cglpk_session *s, cglpk_progress *out);

int cglpk_solve(cglpk_session *s, glp_prob *P, const cglpk_solve_params *p,
                cglpk_solve_report *r);

/// Copies the solution out (arrays 0-based; any may be NULL). Duals only for LP.
int cglpk_solution(cglpk_session *s, glp_prob *P, int is_mip,
                   double *col_value, double *row_value,
                   double *row_dual, double *col_dual);

/// Writes the problem: format 0 = CPLEX LP, 1 = free MPS. Returns CGLPK_OK or an
/// error (CGLPK_FATAL, or 1 when GLPK's writer reported an I/O failure).
int cglpk_write(cglpk_session *s, glp_prob *P, int format, const char *path);

/// Reads a file, format 0 = CPLEX LP, 1 = free MPS (for round-trip checks);
/// returns 1 and *out NULL on a read error.
int cglpk_read(cglpk_session *s, int format, const char *path, glp_prob **out);

/// Reads scalars of a problem (never fatal).
int cglpk_rows(glp_prob *P);
int cglpk_cols(glp_prob *P);

void cglpk_delete(cglpk_session *s, glp_prob *P);
/// Frees GLPK's environment of the calling thread.
void cglpk_free_env(void);

/// Deliberately triggers a GLPK fatal error (for tests of the trap).
int cglpk_provoke_fatal(cglpk_session *s);

#endif
