"""Depth-4 regression tree on y = 2x (x = 1..10): staircase fit, no extrapolation, and the log-x tree."""
import matplotlib.pyplot as plt
import numpy as np


def grow(x, y, depth):
    if depth == 0 or len(np.unique(x)) < 2:
        return float(y.mean())
    xs = np.unique(x)
    ts = (xs[:-1] + xs[1:]) / 2
    sse = [((y[x <= t] - y[x <= t].mean()) ** 2).sum() + ((y[x > t] - y[x > t].mean()) ** 2).sum() for t in ts]
    t = ts[int(np.argmin(sse))]
    return (t, grow(x[x <= t], y[x <= t], depth - 1), grow(x[x > t], y[x > t], depth - 1))


def predict(node, v):
    while isinstance(node, tuple):
        t, left, right = node
        node = left if v <= t else right
    return node


x = np.arange(1, 11.0)
y = 2 * x
tree = grow(x, y, 4)
tree_log = grow(np.log(x), y, 4)
grid = np.linspace(0.5, 20, 3901)

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.plot(grid, 2 * grid, color="0.6", lw=1.5, ls="--", label="truth y = 2x")
ax.plot(grid, [predict(tree, v) for v in grid], color="C0", label="tree on x")
ax.plot(grid, [predict(tree_log, np.log(v)) for v in grid], color="C1", lw=1.2, label="tree on log x")
ax.scatter(x, y, color="k", zorder=3, s=18, label="training points")
ax.axvspan(10, 20, color="C3", alpha=0.07)
ax.text(15, 8, "outside training range:\nprediction stays at 20", ha="center", fontsize=9, color="C3")
ax.annotate("x = 5.49: 10 vs 12", xy=(5.49, 11), xytext=(6.3, 2.5), fontsize=9,
            arrowprops=dict(arrowstyle="->", color="0.3"))
ax.set_xlabel("x")
ax.set_ylabel("prediction")
ax.set_title("A regression tree is a staircase and cannot extrapolate")
ax.set_xlim(0.5, 20)
ax.set_ylim(0, 42)
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
