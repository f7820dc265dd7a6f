/**
 * The formulas each calculator page shows (TeX for KaTeX), kept here beside the code that
 * implements them so a change to one is seen next to the other. Each names the function it describes.
 */

/** A displayed formula with the sentence that introduces it. */
export interface Formula {
  id: string;
  lead: string;
  tex: string;
}

/** The ordering model, in the order the page explains it. */
export const ORDERING_FORMULAS: readonly Formula[] = [
  {
    id: 'start-set',
    lead: 'After pre-training each property is present independently, so a start set A has probability (startSetProbability):',
    tex: String.raw`P(A) = \prod_{i \in A} p_i \prod_{i \notin A} (1 - p_i), \qquad \lambda_i = \frac{1}{m_i}, \quad \rho = \frac{1}{c_m}`,
  },
  {
    id: 'transitions',
    lead: 'During fine-tuning the state is the set of properties present, plus two absorbing states. Its moves (generator):',
    tex: String.raw`\begin{aligned}
A &\xrightarrow{\;\lambda_i\;} A \cup \{i\} && i \notin A,\ \text{unless } i = G \text{ and } B \in A \\
A &\xrightarrow{\;(1-q)\,\lambda_G\;} \text{aligned}, \quad A \xrightarrow{\;q\,\lambda_G\;} A \cup \{G\} && G \notin A,\ B \in A \\
A &\xrightarrow{\;\rho\;} \text{aligned} && G \in A,\ B \in A \ (\text{a proxy goal}) \\
A \cup \{i\} &= \{G, L, B, S\} \text{ with a proxy goal} \;\Rightarrow\; \text{deceptive}
\end{aligned}`,
  },
  {
    id: 'solution',
    lead: 'The distribution at the end of the run is the matrix exponential of the 18 × 18 generator Q, computed by uniformization (Λ the largest exit rate) and repeated squaring (transientDistribution):',
    tex: String.raw`\pi(\tau) = \pi(0)\, e^{Q\tau}, \qquad e^{Qh} = \sum_{k \ge 0} e^{-\Lambda h} \frac{(\Lambda h)^k}{k!} \Big(I + \frac{Q}{\Lambda}\Big)^{k}, \qquad e^{Q\tau} = \big(e^{Q\tau/2^s}\big)^{2^s}`,
  },
  {
    id: 'dangerous-order',
    lead: 'The dangerous order (B absent at the start and last to appear, so G came first and L and S were already there), ignoring correction and the end of the run (dangerousOrderProbability), with M_A the properties missing from A:',
    tex: String.raw`P_{\text{danger}} = \sum_{A \,\not\ni\, B} P(A) \sum_{J \subseteq M_A \setminus \{B\}} (-1)^{|J|} \frac{\lambda_B}{\lambda_B + \sum_{j \in J} \lambda_j}`,
  },
  {
    id: 'order',
    lead: 'One of the 65 orders, the start set A followed by the rest in the order i₁, …, iᵣ (orderProbabilities):',
    tex: String.raw`P(A;\, i_1, \dots, i_r) = P(A) \prod_{k=1}^{r} \frac{\lambda_{i_k}}{\lambda_{i_k} + \dots + \lambda_{i_r}}`,
  },
  {
    id: 'monte-carlo',
    lead: 'General mode samples each missing property’s time (exponential, or lognormal with median m_i and log-spread s_i) and the correction delay W, and counts (startMonteCarlo):',
    tex: String.raw`\begin{gathered}
t_i = m_i e^{s_i Z_i} \ \text{or}\ t_i \sim \text{Exp}(\lambda_i), \qquad W \sim \text{Exp}(\rho), \qquad t_{\max} = \max(t_G, t_L, t_B, t_S) \\
\text{deceptive} \iff \text{proxy} \,\wedge\, t_{\max} \le \tau \,\wedge\, t_{\max} \le \max(t_G, t_B) + W, \qquad \text{SE} = \sqrt{\hat p (1 - \hat p) / n}
\end{gathered}`,
  },
  {
    id: 'sensitivity',
    lead: 'Each row of the sensitivity chart moves one input and recomputes P(deceptive) exactly (sensitivity):',
    tex: String.raw`x \mapsto \tfrac{x}{2},\ 2x \qquad \text{probabilities: } p \mapsto \tfrac{p}{2},\ \tfrac{1 + p}{2}`,
  },
];

/** The goal-horizon model, in the order the page explains it. */
export const HORIZON_FORMULAS: readonly Formula[] = [
  {
    id: 'weight',
    lead: 'How much the goal cares about time t, for a hard cutoff or a half-life H (weightIntegral):',
    tex: String.raw`w(t) = \begin{cases} 1 & t < H \\ 0 & t \ge H \end{cases} \quad\text{(cutoff)}, \qquad w(t) = 2^{-t/H} \quad\text{(discount)}`,
  },
  {
    id: 'values',
    lead: 'Pursuing the proxy openly against playing along until oversight ends (valueOpen, valuePlayAlong):',
    tex: String.raw`V_A = \int_0^{c} w(t)\,dt, \qquad V_B = \varepsilon \int_0^{T} w(t)\,dt + p\,m \int_T^{T+D} w(t)\,dt`,
  },
  {
    id: 'closed-forms',
    lead: 'Both integrals have closed forms:',
    tex: String.raw`\int_a^b w\,dt = \min(b, H) - \min(a, H) \quad\text{(cutoff)}, \qquad \int_a^b w\,dt = \frac{H}{\ln 2}\left(2^{-a/H} - 2^{-b/H}\right) \quad\text{(discount)}`,
  },
  {
    id: 'h-min',
    lead: 'The shortest horizon at which playing along pays (hMin), and its value in the cutoff form with ε = 0 when the payoff after escape lasts long enough and the crossing lies past c (below c open pursuit is still gaining, and the crossing is found piece by piece):',
    tex: String.raw`\begin{gathered}
h_{\min} = \inf\{\, H \in [c/100,\ 10^6 T] : V_B - V_A > 0 \,\} \\
h_{\min} = T + \frac{c}{p\,m} \quad \text{if } D > \frac{c}{p\,m} \text{ and } T + \frac{c}{p\,m} \ge c
\end{gathered}`,
  },
  {
    id: 'slope',
    lead: 'The slope at the current horizon h₀ (advantageSlope); for the discount form, with u = a ln 2 / H, L = ℓ ln 2 / H and g(y) = 1 − e^{−y}(1 + y), a sum of positive parts, so no digit cancels:',
    tex: String.raw`\frac{d}{dH}\,(V_B - V_A)\Big|_{H = h_0}, \qquad \frac{d}{dH} \int_a^{a+\ell} 2^{-t/H}\,dt = \frac{e^{-u} \big( u\,(1 - e^{-L}) + g(L) \big)}{\ln 2}`,
  },
  {
    id: 'deliberate',
    lead: 'Training a horizon on purpose needs episodes at least that long (credit assignment), so:',
    tex: String.raw`\text{training time} \;\ge\; N \cdot h_{\min}, \qquad \text{episodes of length } E \text{ reach } h_{\min} \iff E \ge h_{\min}`,
  },
];
