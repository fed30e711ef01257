"""KNN decision regions on the same noisy two-class data for k = 1 and k = 15."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

rng = np.random.default_rng(0)
n = 80
X = np.vstack([rng.normal([-1.0, 0.0], 1.0, (n, 2)), rng.normal([1.0, 0.0], 1.0, (n, 2))])
y = np.r_[np.zeros(n, int), np.ones(n, int)]

g = np.linspace(-4, 4, 241)
G = np.array(np.meshgrid(g, g)).reshape(2, -1).T
d = ((G[:, None, :] - X[None, :, :]) ** 2).sum(-1)
order = np.argsort(d, axis=1, kind="stable")

fig, axes = plt.subplots(1, 2, figsize=(6.8, 3.5), sharey=True)
for ax, k in zip(axes, (1, 15)):
    pred = (y[order[:, :k]].mean(1) > 0.5).astype(int).reshape(len(g), len(g))
    ax.contourf(g, g, pred, levels=[-0.5, 0.5, 1.5], cmap=ListedColormap(["#c6dbef", "#fdd0a2"]))
    ax.contour(g, g, pred, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(X[y == 0, 0], X[y == 0, 1], s=12, c="C0", label="class 0")
    ax.scatter(X[y == 1, 0], X[y == 1, 1], s=12, c="C1", marker="^", label="class 1")
    ax.set_title(f"k = {k}: " + ("jagged, fits noise" if k == 1 else "smooth"))
    ax.set_xlabel("$x_1$")
    ax.set_xlim(-4, 4)
    ax.set_ylim(-4, 4)
    ax.grid(False)
axes[0].set_ylabel("$x_2$")
axes[1].legend(loc="lower right", fontsize=8)
fig.suptitle("KNN decision boundary: small k = high variance, large k = smoother")
fig.tight_layout()
