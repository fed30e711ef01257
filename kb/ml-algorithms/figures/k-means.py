"""Lloyd's algorithm on three 2-D blobs from a poor start (two centroids in one blob)."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
centers = np.array([[0.0, 0.0], [5.0, 0.5], [2.0, 4.0]])
X = np.vstack([c + rng.normal(0, 0.8, (50, 2)) for c in centers])
mu = np.array([[-0.5, -0.3], [0.6, 0.4], [5.5, 0.0]])  # two centroids start in the lower-left blob

states = []
while True:
    c = np.argmin(((X[:, None] - mu[None]) ** 2).sum(-1), axis=1)  # assignment step
    states.append((mu.copy(), c, ((X - mu[c]) ** 2).sum()))
    new = np.array([X[c == j].mean(0) for j in range(3)])  # update step
    if np.allclose(new, mu):
        break
    mu = new

colors = np.array(["C0", "C1", "C2"])
fig, axes = plt.subplots(2, 2, figsize=(6.6, 5.6), sharex=True, sharey=True)
for k, (ax, (m, c, J)) in enumerate(zip(axes.flat, states)):
    ax.scatter(X[:, 0], X[:, 1], c=colors[c], s=10, alpha=0.6)
    ax.scatter(m[:, 0], m[:, 1], c=colors, marker="X", s=160, edgecolors="k", linewidths=1.2)
    if k > 0:  # arrows from the previous centroids
        prev = states[k - 1][0]
        for a, b in zip(prev, m):
            if np.linalg.norm(b - a) > 0.05:
                ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", color="k", lw=1))
    label = "start" if k == 0 else ("converged" if k == len(states) - 1 else f"iteration {k}")
    ax.set_title(f"{label}: J = {J:.0f}", fontsize=10)
for ax in axes[1]:
    ax.set_xlabel("$x_1$")
for ax in axes[:, 0]:
    ax.set_ylabel("$x_2$")
fig.suptitle("K-Means (Lloyd): assign to nearest centroid, move centroid to the mean")
fig.tight_layout()
