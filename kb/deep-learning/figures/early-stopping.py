"""Training vs validation MSE of the answer's example (60 examples, 50 features, 5 informative), with the stopping point."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
n, d = 60, 50
w_true = np.zeros(d)
w_true[:5] = 1.0
X, Xv = rng.standard_normal((n, d)), rng.standard_normal((2000, d))
y, yv = X @ w_true + rng.standard_normal(n), Xv @ w_true + rng.standard_normal(2000)
w, lr, patience = np.zeros(d), 0.01, 20
best, best_step, wait, stopped = np.inf, 0, 0, None
tr, va = [], []
for step in range(1, 3001):
    w -= lr * 2 * X.T @ (X @ w - y) / n
    tr.append(np.mean((X @ w - y) ** 2))
    va.append(np.mean((Xv @ w - yv) ** 2))
    if va[-1] < best - 1e-4:
        best, best_step, wait = va[-1], step, 0
    else:
        wait += 1
        if wait == patience and stopped is None:
            stopped = step

steps = np.arange(1, 3001)
fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(steps, tr, label="training MSE")
ax.plot(steps, va, label="validation MSE")
ax.axvline(best_step, color="gray", ls="--", lw=1)
ax.plot([best_step], [best], "ko")
ax.annotate(f"best: step {best_step}, val {best:.2f}\n(stopped at {stopped}, patience {patience})",
            xy=(best_step, best), xytext=(25, 0.6), fontsize=8,
            arrowprops=dict(arrowstyle="->", color="gray"))
ax.set_xscale("log")
ax.set_xlabel("gradient-descent step (log scale)")
ax.set_ylabel("mean squared error")
ax.set_title("Early stopping picks the bottom of the validation curve")
ax.legend(loc="upper right")
fig.tight_layout()
