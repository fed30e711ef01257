"""L1 diamond vs L2 circle: the same squared-loss contours touch them at different points."""
import matplotlib.pyplot as plt
import numpy as np

c = np.array([2.2, 1.4])                      # unconstrained (least-squares) optimum
A = np.array([[1.5, -0.4], [-0.4, 0.5]])      # loss (w - c)^T A (w - c): tilted ellipses
t = 1.5                                       # constraint radius for both balls

def loss(w):
    d = w - c
    return np.einsum("...i,ij,...j->...", d, A, d)

theta = np.linspace(0, 2 * np.pi, 20001)
circle = t * np.c_[np.cos(theta), np.sin(theta)]
diamond = circle / np.abs(circle).sum(1, keepdims=True) * t   # points on |w1|+|w2| = t
w_l2 = circle[np.argmin(loss(circle))]
w_l1 = diamond[np.argmin(loss(diamond))]
assert abs(w_l1[1]) < 1e-3 and min(abs(w_l2)) > 0.1   # corner for L1, off-axis for L2

fig, ax = plt.subplots(figsize=(6, 4.6))
g1, g2 = np.meshgrid(np.linspace(-2, 3.5, 160), np.linspace(-2, 3.6, 160))
L = loss(np.stack([g1, g2], -1))
levels = sorted({loss(w_l1), loss(w_l2)} | {0.1})
cs = ax.contour(g1, g2, L, levels=levels, colors="gray", linewidths=1)
# Drawn with few points (the fine grids above only locate the solutions): a small SVG.
corners = t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]])
rim = t * np.c_[np.cos(theta[::50]), np.sin(theta[::50])]
ax.fill(*corners.T, color="C1", alpha=0.25, label=r"L1 ball $|w_1|+|w_2|\leq 1.5$")
ax.fill(*rim.T, color="C0", alpha=0.15, label=r"L2 ball $w_1^2+w_2^2\leq 1.5^2$")
ax.plot(*c, "k+", markersize=12, mew=2, label="least-squares optimum (2.2, 1.4)")
ax.plot(*w_l1, "o", color="C1", markersize=9,
        label=f"L1 solution ({w_l1[0]:.2f}, {abs(w_l1[1]):.2f}): $w_2=0$")
ax.plot(*w_l2, "o", color="C0", markersize=9,
        label=f"L2 solution ({w_l2[0]:.2f}, {w_l2[1]:.2f})")
ax.axhline(0, color="k", linewidth=0.6)
ax.axvline(0, color="k", linewidth=0.6)
ax.set_aspect("equal")
ax.set_xlim(-2, 3.5)
ax.set_ylim(-2, 3.6)
ax.set_xlabel("$w_1$")
ax.set_ylabel("$w_2$")
ax.set_title("Loss contours first touch the diamond at a corner")
ax.legend(loc="lower right", fontsize=7.5, framealpha=0.95)
fig.tight_layout()
