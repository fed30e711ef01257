"""Jacobian norm ||d h_t / d h_0|| of the tanh RNN from the answer's example, for two recurrent scales."""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
d_in, d_h = 4, 8
W_xh, W_hh = rng.standard_normal((d_h, d_in)) * 0.5, rng.standard_normal((d_h, d_h)) * 0.3
rng.standard_normal((d_h, d_in))          # W1 of the example (keeps the random stream aligned)
rng.standard_normal((5, d_in))            # seq of the example
xs = rng.standard_normal((50, d_in))


def jacobian_norms(W):
    h, J, out = np.zeros(d_h), np.eye(d_h), []
    for x in xs:
        h = np.tanh(W_xh @ x + W @ h)
        J = np.diag(1 - h**2) @ W @ J
        out.append(np.linalg.norm(J, 2))
    return np.array(out)


rho = max(abs(np.linalg.eigvals(W_hh)))
t = np.arange(1, 51)
fig, ax = plt.subplots(figsize=(6, 3.6))
ax.semilogy(t, jacobian_norms(W_hh), label=f"spectral radius {rho:.2f}: vanishes")
ax.semilogy(t, jacobian_norms(W_hh * 3 / rho), label="spectral radius 3: grows")
ax.axhline(1, color="gray", lw=1, ls="--")
ax.set_xlabel("time steps t between h_0 and h_t")
ax.set_ylabel("spectral norm of dh_t / dh_0")
ax.set_title("Gradient path through a tanh RNN (width 8)")
ax.legend(loc="lower left")
fig.tight_layout()
