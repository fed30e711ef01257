"""Softmax saturation vs head size: raw q.k scores against scores divided by sqrt(d_k)."""
import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(0)
m, trials = 16, 500                      # 16 keys per query, as in the answer's example
dims = [4, 8, 16, 32, 64, 128, 256, 512, 1024]


def softmax(z):
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


res = {k: {"raw": [], "scaled": []} for k in ("maxp", "jac")}
for d_k in dims:
    q = rng.standard_normal((trials, 1, d_k))
    K = rng.standard_normal((trials, m, d_k))
    s = (K @ q.transpose(0, 2, 1))[..., 0]                       # [trials, m] raw scores
    for name, z in (("raw", s), ("scaled", s / np.sqrt(d_k))):
        p = softmax(z)
        jac = np.eye(m)[None] * p[:, :, None] - p[:, :, None] * p[:, None, :]
        res["maxp"][name].append(p.max(1).mean())
        res["jac"][name].append(np.linalg.norm(jac, axis=(1, 2)).mean())

fig, ax = plt.subplots(figsize=(6.4, 3.8))
ax.semilogx(dims, res["maxp"]["raw"], "o-", color="#C44E52", label="largest weight, raw scores")
ax.semilogx(dims, res["maxp"]["scaled"], "o-", color="#4C72B0", label=r"largest weight, scores / $\sqrt{d_k}$")
ax.semilogx(dims, res["jac"]["raw"], "s--", color="#C44E52", lw=1.3, label="softmax Jacobian norm, raw")
ax.semilogx(dims, res["jac"]["scaled"], "s--", color="#4C72B0", lw=1.3, label=r"softmax Jacobian norm, / $\sqrt{d_k}$")
ax.set_xscale("log", base=2)
ax.set_xticks(dims)
ax.set_xticklabels([str(x) for x in dims])
ax.set_ylim(0, 1.02)
ax.set_xlabel(r"head dimension $d_k$ (16 keys, unit-variance q and k)")
ax.set_ylabel("mean over 500 queries")
ax.set_title("Unscaled logits saturate the softmax as $d_k$ grows")
ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.6), fontsize=8, frameon=False)
fig.tight_layout()
