"""First 40 steps of SGD, Momentum, RMSProp and Adam on L = 0.5 (th1^2 + 100 th2^2), as in the answer's example."""
import matplotlib.pyplot as plt
import numpy as np

lam = np.array([1.0, 100.0])


def run(kind, steps=40):
    th, s, path = np.array([1.0, 1.0]), {}, [np.array([1.0, 1.0])]
    for t in range(1, steps + 1):
        g = lam * th
        if kind == "SGD (eta 0.019)":
            th = th - 0.019 * g
        elif kind == "Momentum (eta 0.019, mu 0.9)":
            s["v"] = 0.9 * s.get("v", 0) + g
            th = th - 0.019 * s["v"]
        elif kind == "RMSProp (eta 0.01)":
            s["s"] = 0.9 * s.get("s", 0) + 0.1 * g**2
            th = th - 0.01 * g / (np.sqrt(s["s"]) + 1e-8)
        else:
            s["m"] = 0.9 * s.get("m", 0) + 0.1 * g
            s["v"] = 0.999 * s.get("v", 0) + 0.001 * g**2
            m_hat, v_hat = s["m"] / (1 - 0.9**t), s["v"] / (1 - 0.999**t)
            th = th - 0.05 * m_hat / (np.sqrt(v_hat) + 1e-8)
        path.append(th)
    return np.array(path)


fig, ax = plt.subplots(figsize=(6.4, 3.8))
a, b = np.meshgrid(np.linspace(-0.3, 1.1, 300), np.linspace(-1.1, 1.1, 300))
ax.contour(a, b, 0.5 * (a**2 + 100 * b**2), levels=[0.05, 0.5, 2, 8, 20, 50], colors="lightgray", linewidths=0.8)
for kind in ["SGD (eta 0.019)", "Momentum (eta 0.019, mu 0.9)", "RMSProp (eta 0.01)", "Adam (eta 0.05)"]:
    p = run(kind)
    style = dict(ls="--", lw=2.2, zorder=3) if kind.startswith("RMSProp") else dict(lw=1.2)
    ax.plot(p[:, 0], p[:, 1], marker="o", ms=2.5, label=kind, **style)
ax.plot([0], [0], "k*", ms=10, zorder=4)
ax.set_xlim(-0.35, 1.05)
ax.set_xlabel("theta_1 (curvature 1)")
ax.set_ylabel("theta_2 (curvature 100)")
ax.set_title("40 steps from (1, 1) on a quadratic with condition number 100")
ax.legend(loc="lower left", fontsize=8)
fig.tight_layout()
