"""Hard-margin linear SVM on two separable 2-D blobs: boundary, margins and support vectors."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
Xp = rng.normal([2.0, 2.0], 0.7, (25, 2))
Xn = rng.normal([-1.5, -1.0], 0.7, (25, 2))
X = np.r_[Xp, Xn]
y = np.r_[np.ones(25), -np.ones(25)]

# brute force over unit normals (exact up to the angle grid in 2-D)
ang = np.linspace(0, 2 * np.pi, 36000, endpoint=False)
U = np.c_[np.cos(ang), np.sin(ang)]
P = X @ U.T
lo, hi = P[y == 1].min(0), P[y == -1].max(0)
i = int(np.argmax(lo - hi))
gap = lo[i] - hi[i]
w = U[i] / (gap / 2)
b = -(lo[i] + hi[i]) / 2 / (gap / 2)
f = X @ w + b
sv = np.abs(y * f - 1) < 1e-3

fig, ax = plt.subplots(figsize=(5.6, 4.6))
g = np.linspace(-4, 4.5, 400)
G1, G2 = np.meshgrid(g, g)
F = w[0] * G1 + w[1] * G2 + b
ax.contourf(G1, G2, F, levels=[-1, 1], colors=["0.9"])
ax.contour(G1, G2, F, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"], linewidths=[1, 2, 1])
ax.scatter(Xp[:, 0], Xp[:, 1], c="C1", marker="^", s=22, label="y = +1")
ax.scatter(Xn[:, 0], Xn[:, 1], c="C0", s=22, label="y = -1")
ax.scatter(X[sv, 0], X[sv, 1], s=160, facecolors="none", edgecolors="C3", linewidths=1.8,
           label=f"support vectors ({sv.sum()})")
ax.text(0.03, 0.97, f"margin 2/||w|| = {2 / np.linalg.norm(w):.2f}", transform=ax.transAxes, va="top", fontsize=9)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_xlim(-4, 4.5)
ax.set_ylim(-4, 4.5)
ax.set_title("Maximum-margin boundary (solid) and margins (dashed)")
ax.legend(loc="lower right", fontsize=8)
ax.grid(False)
fig.tight_layout()
