// The real FFT and its inverse of TFLM's signal library (SignalRfft, SignalIrfft), computed
// exactly as the KISS FFT release TFLM builds (mborgerding/kissfft v1.3.0, `kiss_fftr` and
// `kiss_fftri` over `kiss_fft`) does for its three instantiations: fixed-point int16 (Q15),
// fixed-point int32 (Q31) and float.
//
// A real FFT of length N is a complex FFT of length N/2 over the samples taken as (even, odd)
// pairs, followed by a split step with "super twiddles". The complex FFT is a recursive
// mixed-radix decimation in time over the radices 4, 2, 3 and 5. Fixed-point builds scale
// every butterfly down by its radix (C_FIXDIV) so the result is the transform divided by N.
//
// Arithmetic is reproduced operation by operation: products round to nearest with
// (x + 2^(frac-1)) >> frac and truncate to the sample type, sums wrap like the C int
// arithmetic KISS FFT relies on, HALF_OF is an arithmetic right shift (fixed) or * 0.5f.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace tflm_host {
namespace reference {
namespace signal {

template <typename T>
struct Complex {
  T real;
  T imag;
};

namespace kiss {

// Wrapping int32 sum and difference (C's int arithmetic on the targets).
inline int32_t Add32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t Sub32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

// Per sample type: the product type and fractional bits of the fixed-point builds.
template <typename T>
struct Fixed;
template <>
struct Fixed<int16_t> {
  using Product = int32_t;
  static constexpr int kFracBits = 15;
  static constexpr double kMax = 32767.0;
};
template <>
struct Fixed<int32_t> {
  using Product = int64_t;
  static constexpr int kFracBits = 31;
  static constexpr double kMax = 2147483647.0;
};

// The KISS FFT macros, specialised by sample type.
template <typename T, typename Enable = void>
struct Ops;

template <typename T>
struct Ops<T, std::enable_if_t<std::is_integral_v<T>>> {
  using Product = typename Fixed<T>::Product;
  using UProduct = std::make_unsigned_t<Product>;
  static constexpr int kFrac = Fixed<T>::kFracBits;

  static Product Wrap(UProduct x) { return static_cast<Product>(x); }
  // sround(smul(a, b)): the product rounded back to the sample type.
  static T RoundProduct(Product x) {
    const Product rounded = Wrap(static_cast<UProduct>(x) + (UProduct{1} << (kFrac - 1)));
    return static_cast<T>(rounded >> kFrac);
  }
  static Product Mul(T a, T b) { return static_cast<Product>(a) * b; }
  static T ScalarMul(T a, T b) { return RoundProduct(Mul(a, b)); }  // S_MUL
  static Complex<T> ComplexMul(Complex<T> a, Complex<T> b) {         // C_MUL
    const Product re = Wrap(static_cast<UProduct>(Mul(a.real, b.real)) -
                            static_cast<UProduct>(Mul(a.imag, b.imag)));
    const Product im = Wrap(static_cast<UProduct>(Mul(a.real, b.imag)) +
                            static_cast<UProduct>(Mul(a.imag, b.real)));
    return {RoundProduct(re), RoundProduct(im)};
  }
  // C_FIXDIV: multiply by SAMP_MAX / k, rounded.
  static void FixDiv(Complex<T>& c, int k) {
    const T factor = static_cast<T>(static_cast<int32_t>(Fixed<T>::kMax) / k);
    c.real = ScalarMul(c.real, factor);
    c.imag = ScalarMul(c.imag, factor);
  }
  // Sums are evaluated in C int (32 bits) and stored back into the sample type.
  static T Narrow(int32_t x) { return static_cast<T>(x); }
  static int32_t Add(int32_t a, int32_t b) { return Add32(a, b); }
  static int32_t Sub(int32_t a, int32_t b) { return Sub32(a, b); }
  static int32_t Neg(int32_t x) { return Sub32(0, x); }
  static int32_t Half(int32_t x) { return x >> 1; }  // HALF_OF
  static T Twiddle(double value) {
    return static_cast<T>(std::floor(0.5 + Fixed<T>::kMax * value));
  }
};

template <typename T>
struct Ops<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static T ScalarMul(T a, T b) { return a * b; }
  static Complex<T> ComplexMul(Complex<T> a, Complex<T> b) {
    return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
  }
  static void FixDiv(Complex<T>&, int) {}  // no scaling in float builds
  static T Narrow(T x) { return x; }
  static T Add(T a, T b) { return a + b; }
  static T Sub(T a, T b) { return a - b; }
  static T Neg(T x) { return -x; }
  static T Half(T x) { return x * static_cast<T>(0.5); }  // TFLM patches HALF_OF to float
  static T Twiddle(double value) { return static_cast<T>(value); }
};

}  // namespace kiss

// The radices of kf_factor: powers of 4 first, then 2, then odd numbers up to sqrt(n); a
// remainder with no factor up to sqrt(n) is taken whole.
inline std::vector<int> KissFactors(int n) {
  std::vector<int> factors;  // pairs (radix, remaining length)
  int p = 4;
  const double floor_sqrt = std::floor(std::sqrt(static_cast<double>(n)));
  do {
    while (n % p) {
      p = p == 4 ? 2 : p == 2 ? 3 : p + 2;
      if (p > floor_sqrt) p = n;
    }
    n /= p;
    factors.push_back(p);
    factors.push_back(n);
  } while (n > 1);
  return factors;
}

// True when TFLM can compute a real FFT of this length: even, at least 4, and half of it a
// product of 2, 3 and 5 (TFLM's KISS FFT has no heap for the generic radix butterfly).
inline bool RfftLengthSupported(int fft_length) {
  if (fft_length < 4 || fft_length % 2 != 0) return false;
  const std::vector<int> factors = KissFactors(fft_length / 2);
  for (size_t i = 0; i < factors.size(); i += 2) {
    const int radix = factors[i];
    if (radix != 2 && radix != 3 && radix != 4 && radix != 5) return false;
  }
  return true;
}

template <typename T>
class RealFft {
 public:
  using value_type = T;
  using C = Complex<T>;
  using K = kiss::Ops<T>;

  // fft_length must satisfy RfftLengthSupported(). An inverse plan (kiss_fftr_alloc with
  // inverse_fft = 1) turns every twiddle's phase around.
  explicit RealFft(int fft_length, bool inverse = false)
      : half_(fft_length / 2), inverse_(inverse), factors_(KissFactors(half_)) {
    constexpr double kPi = 3.141592653589793238462643383279502884197169399375105820974944;
    twiddles_.resize(half_);
    for (int i = 0; i < half_; ++i) {
      double phase = -2 * kPi * i / half_;
      if (inverse) phase *= -1;
      twiddles_[i] = {K::Twiddle(std::cos(phase)), K::Twiddle(std::sin(phase))};
    }
    super_twiddles_.resize(half_ / 2);
    for (int i = 0; i < half_ / 2; ++i) {
      double phase = -3.14159265358979323846264338327 * (static_cast<double>(i + 1) / half_ + .5);
      if (inverse) phase *= -1;
      super_twiddles_[i] = {K::Twiddle(std::cos(phase)), K::Twiddle(std::sin(phase))};
    }
  }

  // Complex values of `work` the transform needs (its scratch).
  int work_size() const { return half_; }

  // Forward plans (kiss_fftr). input: fft_length real samples; output: fft_length / 2 + 1
  // complex bins.
  void Apply(const T* input, C* work, C* output) const {
    Stage(work, reinterpret_cast<const C*>(input), 1, factors_.data());
    C dc = work[0];
    K::FixDiv(dc, 2);
    output[0] = {Plus(dc.real, dc.imag), T(0)};
    output[half_] = {Minus(dc.real, dc.imag), T(0)};
    for (int k = 1; k <= half_ / 2; ++k) {
      C fpk = work[k];
      C fpnk = {work[half_ - k].real, K::Narrow(K::Neg(work[half_ - k].imag))};  // conjugate
      K::FixDiv(fpk, 2);
      K::FixDiv(fpnk, 2);
      const C f1k = Sum(fpk, fpnk);
      const C f2k = Diff(fpk, fpnk);
      const C tw = K::ComplexMul(f2k, super_twiddles_[k - 1]);
      output[k] = {K::Narrow(K::Half(K::Add(f1k.real, tw.real))),
                   K::Narrow(K::Half(K::Add(f1k.imag, tw.imag)))};
      output[half_ - k] = {K::Narrow(K::Half(K::Sub(f1k.real, tw.real))),
                           K::Narrow(K::Half(K::Sub(tw.imag, f1k.imag)))};
    }
  }

  // Inverse plans (kiss_fftri). input: fft_length / 2 + 1 complex bins; output: fft_length
  // real samples, unscaled in float (fixed point scales by 1 / fft_length on the way).
  void Inverse(const C* input, C* work, T* output) const {
    C dc = {Plus(input[0].real, input[half_].real), Minus(input[0].real, input[half_].real)};
    K::FixDiv(dc, 2);
    work[0] = dc;
    for (int k = 1; k <= half_ / 2; ++k) {
      C fk = input[k];
      C fnkc = {input[half_ - k].real, K::Narrow(K::Neg(input[half_ - k].imag))};  // conjugate
      K::FixDiv(fk, 2);
      K::FixDiv(fnkc, 2);
      const C fek = Sum(fk, fnkc);
      const C fok = K::ComplexMul(Diff(fk, fnkc), super_twiddles_[k - 1]);
      work[k] = Sum(fek, fok);
      const C back = Diff(fek, fok);
      work[half_ - k] = {back.real, K::Narrow(K::Neg(back.imag))};  // `*= -1`
    }
    Stage(reinterpret_cast<C*>(output), work, 1, factors_.data());
  }

 private:
  // Sums stored back into the sample type. Truncating each partial sum of a chain gives the
  // same bits as truncating once at the end (only HALF_OF needs the wide sum, see Apply).
  static T Plus(T a, T b) { return K::Narrow(K::Add(a, b)); }
  static T Minus(T a, T b) { return K::Narrow(K::Sub(a, b)); }
  static C Sum(C a, C b) { return {Plus(a.real, b.real), Plus(a.imag, b.imag)}; }
  static C Diff(C a, C b) { return {Minus(a.real, b.real), Minus(a.imag, b.imag)}; }

  // kf_work: p sub-transforms of length m on every p-th input, then the radix-p butterflies.
  void Stage(C* out, const C* in, int stride, const int* factors) const {
    const int p = factors[0], m = factors[1];
    for (int q = 0; q < p; ++q, in += stride) {
      if (m == 1) {
        out[q] = *in;
      } else {
        Stage(out + q * m, in, stride * p, factors + 2);
      }
    }
    switch (p) {
      case 2: Radix2(out, stride, m); break;
      case 3: Radix3(out, stride, m); break;
      case 4: Radix4(out, stride, m); break;
      default: Radix5(out, stride, m); break;
    }
  }

  void Radix2(C* out, int stride, int m) const {
    for (int u = 0; u < m; ++u) {
      C& a = out[u];
      C& b = out[u + m];
      K::FixDiv(a, 2);
      K::FixDiv(b, 2);
      const C t = K::ComplexMul(b, twiddles_[u * stride]);
      b = Diff(a, t);
      a = Sum(a, t);
    }
  }

  void Radix3(C* out, int stride, int m) const {
    const T epi3_imag = twiddles_[stride * m].imag;
    for (int u = 0; u < m; ++u) {
      C& f0 = out[u];
      C& f1 = out[u + m];
      C& f2 = out[u + 2 * m];
      K::FixDiv(f0, 3);
      K::FixDiv(f1, 3);
      K::FixDiv(f2, 3);
      const C s1 = K::ComplexMul(f1, twiddles_[u * stride]);
      const C s2 = K::ComplexMul(f2, twiddles_[2 * u * stride]);
      const C s3 = Sum(s1, s2);
      C s0 = Diff(s1, s2);
      f1 = {Minus(f0.real, K::Narrow(K::Half(s3.real))),
            Minus(f0.imag, K::Narrow(K::Half(s3.imag)))};
      s0 = {K::ScalarMul(s0.real, epi3_imag), K::ScalarMul(s0.imag, epi3_imag)};
      f0 = Sum(f0, s3);
      f2 = {Plus(f1.real, s0.imag), Minus(f1.imag, s0.real)};
      f1 = {Minus(f1.real, s0.imag), Plus(f1.imag, s0.real)};
    }
  }

  void Radix4(C* out, int stride, int m) const {
    for (int u = 0; u < m; ++u) {
      C& f0 = out[u];
      C& f1 = out[u + m];
      C& f2 = out[u + 2 * m];
      C& f3 = out[u + 3 * m];
      K::FixDiv(f0, 4);
      K::FixDiv(f1, 4);
      K::FixDiv(f2, 4);
      K::FixDiv(f3, 4);
      const C s0 = K::ComplexMul(f1, twiddles_[u * stride]);
      const C s1 = K::ComplexMul(f2, twiddles_[2 * u * stride]);
      const C s2 = K::ComplexMul(f3, twiddles_[3 * u * stride]);
      const C s5 = Diff(f0, s1);
      f0 = Sum(f0, s1);
      const C s3 = Sum(s0, s2);
      const C s4 = Diff(s0, s2);
      f2 = Diff(f0, s3);
      f0 = Sum(f0, s3);
      if (inverse_) {
        f1 = {Minus(s5.real, s4.imag), Plus(s5.imag, s4.real)};
        f3 = {Plus(s5.real, s4.imag), Minus(s5.imag, s4.real)};
      } else {
        f1 = {Plus(s5.real, s4.imag), Minus(s5.imag, s4.real)};
        f3 = {Minus(s5.real, s4.imag), Plus(s5.imag, s4.real)};
      }
    }
  }

  void Radix5(C* out, int stride, int m) const {
    const C ya = twiddles_[stride * m];
    const C yb = twiddles_[stride * 2 * m];
    auto mul = [](T a, T b) { return K::ScalarMul(a, b); };
    for (int u = 0; u < m; ++u) {
      C& f0 = out[u];
      C& f1 = out[u + m];
      C& f2 = out[u + 2 * m];
      C& f3 = out[u + 3 * m];
      C& f4 = out[u + 4 * m];
      K::FixDiv(f0, 5);
      K::FixDiv(f1, 5);
      K::FixDiv(f2, 5);
      K::FixDiv(f3, 5);
      K::FixDiv(f4, 5);
      const C s0 = f0;
      const C s1 = K::ComplexMul(f1, twiddles_[u * stride]);
      const C s2 = K::ComplexMul(f2, twiddles_[2 * u * stride]);
      const C s3 = K::ComplexMul(f3, twiddles_[3 * u * stride]);
      const C s4 = K::ComplexMul(f4, twiddles_[4 * u * stride]);
      const C s7 = Sum(s1, s4);
      const C s10 = Diff(s1, s4);
      const C s8 = Sum(s2, s3);
      const C s9 = Diff(s2, s3);
      f0 = {Plus(f0.real, Plus(s7.real, s8.real)), Plus(f0.imag, Plus(s7.imag, s8.imag))};
      const C s5 = {Plus(Plus(s0.real, mul(s7.real, ya.real)), mul(s8.real, yb.real)),
                    Plus(Plus(s0.imag, mul(s7.imag, ya.real)), mul(s8.imag, yb.real))};
      const C s6 = {Plus(mul(s10.imag, ya.imag), mul(s9.imag, yb.imag)),
                    Minus(K::Narrow(K::Neg(mul(s10.real, ya.imag))), mul(s9.real, yb.imag))};
      f1 = Diff(s5, s6);
      f4 = Sum(s5, s6);
      const C s11 = {Plus(Plus(s0.real, mul(s7.real, yb.real)), mul(s8.real, ya.real)),
                     Plus(Plus(s0.imag, mul(s7.imag, yb.real)), mul(s8.imag, ya.real))};
      const C s12 = {Plus(K::Narrow(K::Neg(mul(s10.imag, yb.imag))), mul(s9.imag, ya.imag)),
                     Minus(mul(s10.real, yb.imag), mul(s9.real, ya.imag))};
      f2 = Sum(s11, s12);
      f3 = Diff(s11, s12);
    }
  }

  int half_;
  bool inverse_;
  std::vector<int> factors_;
  std::vector<C> twiddles_;
  std::vector<C> super_twiddles_;
};

}  // namespace signal
}  // namespace reference
}  // namespace tflm_host
