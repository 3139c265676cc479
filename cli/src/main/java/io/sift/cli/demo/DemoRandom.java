package io.sift.cli.demo;

/**
 * A small, fully specified pseudo-random generator (xoroshiro128++ seeded through SplitMix64) so
 * that the sample logs are the same bytes for the same seed on every JVM and every run.
 *
 * <p>Everything here is defined by this file alone: no {@code java.util.Random}, no JDK default
 * methods whose algorithm might change between releases, and transcendental functions come from
 * {@link StrictMath}, whose results are specified bit for bit.
 */
final class DemoRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long s0;
    private long s1;
    private double spareGaussian;
    private boolean hasSpare;

    /** An independent stream {@code stream} of the generator for {@code seed}. */
    static DemoRandom stream(long seed, long stream) {
        return new DemoRandom(seed, stream);
    }

    private DemoRandom(long seed, long stream) {
        long x = seed * GOLDEN + mix64(stream + 0x632BE59BD9B4E019L);
        s0 = mix64(x += GOLDEN);
        s1 = mix64(x += GOLDEN);
        if ((s0 | s1) == 0) {
            s1 = GOLDEN;
        }
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        long a = s0;
        long b = s1;
        long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without bias (Lemire's method). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** Standard normal (Marsaglia's polar method). */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    double gaussian(double mean, double sigma) {
        return mean + sigma * nextGaussian();
    }

    double logNormal(double mu, double sigma) {
        return StrictMath.exp(mu + sigma * nextGaussian());
    }

    /** Exponential with the given rate (mean {@code 1 / lambda}). */
    double exponential(double lambda) {
        return -StrictMath.log(1.0 - nextDouble()) / lambda;
    }

    /** Index drawn from cumulative integer weights ({@code cumulative[i]} = w0 + … + wi). */
    int weighted(int[] cumulative) {
        int r = nextInt(cumulative[cumulative.length - 1]);
        int i = 0;
        while (r >= cumulative[i]) {
            i++;
        }
        return i;
    }

    static int[] cumulative(int... weights) {
        int[] c = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
