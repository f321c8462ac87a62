/*
 * tflm-host's CMSIS-NN: the support helpers kernels share (the real library's
 * arm_nnsupportfunctions.h has the same names for these). Requantization is
 * CMSIS-NN's default (not CMSIS_NN_USE_SINGLE_ROUNDING) double rounding:
 *   high = (val * 2^left_shift * multiplier + 2^30) >> 31      (floor)
 *   result = round-half-away-from-zero(high / 2^right_shift)
 * For every int32 input this equals TFLM reference's MultiplyByQuantizedMultiplier
 * (SaturatingRoundingDoublingHighMul + RoundingDivideByPOT): the nudged
 * truncating division and the floor of the +2^30 sum agree for both signs,
 * and the only saturating case (both factors INT32_MIN) cannot occur because
 * multipliers are positive. tests/test_cmsis_nn.py checks it end to end against
 * the TFLM oracle, including left shifts and right shifts near 31.
 */
#ifndef ARM_NNSUPPORTFUNCTIONS_H
#define ARM_NNSUPPORTFUNCTIONS_H

#include "arm_nn_math_types.h"
#include "arm_nn_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LEFT_SHIFT(_shift) ((_shift) > 0 ? (_shift) : 0)
#define RIGHT_SHIFT(_shift) ((_shift) > 0 ? 0 : -(_shift))

/* (m1 * m2 + 2^30) >> 31 without the saturation TFLM's version has (unreachable here). */
static inline int32_t arm_nn_doubling_high_mult_no_sat(const int32_t m1, const int32_t m2)
{
    const int64_t product = (int64_t)m1 * (int64_t)m2 + ((int64_t)1 << 30);
    return (int32_t)(product >> 31);
}

/* Rounding arithmetic right shift, ties away from zero. */
static inline int32_t arm_nn_divide_by_power_of_two(const int32_t dividend, const int32_t exponent)
{
    const int32_t remainder_mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = remainder_mask & dividend;
    int32_t result = dividend >> exponent;
    int32_t threshold = remainder_mask >> 1;
    if (result < 0)
    {
        threshold++;
    }
    if (remainder > threshold)
    {
        result++;
    }
    return result;
}

/* val * 2^shift * multiplier / 2^31, rounded; shift > 0 is a left shift. */
static inline int32_t arm_nn_requantize(const int32_t val, const int32_t multiplier, const int32_t shift)
{
    /* The left shift wraps like int32 arithmetic on the target (done unsigned to stay defined in C). */
    const int32_t shifted = (int32_t)((uint32_t)val << LEFT_SHIFT(shift));
    return arm_nn_divide_by_power_of_two(arm_nn_doubling_high_mult_no_sat(shifted, multiplier), RIGHT_SHIFT(shift));
}

/* The 16x8 kernels' multiplier: the int32 one rounded to its top 16 bits (0x7FFF at most). */
#define REDUCE_MULTIPLIER(_mult) (((_mult) < 0x7FFF0000) ? (((_mult) + (1 << 15)) >> 16) : 0x7FFF)

/* val * reduced_multiplier * 2^shift / 2^15, rounded half up: the int64 requantization of the
 * 16x8 kernels. CMSIS-NN narrows the doubled value to int32 before the last halving; here it
 * stays 64-bit until the end, as in TFLM reference's int64 MultiplyByQuantizedMultiplier
 * (same bits whenever |result| < 2^30, and the reference's bits beyond). */
static inline int32_t arm_nn_requantize_s64(const int64_t val, const int32_t reduced_multiplier, const int32_t shift)
{
    const int64_t scaled = val * reduced_multiplier;
    const int64_t doubled = scaled >> (14 - shift);
    return (int32_t)((doubled + 1) >> 1);
}

static inline int32_t arm_nn_clamp(const int32_t value, const int32_t min, const int32_t max)
{
    return value < min ? min : (value > max ? max : value);
}

#ifdef __cplusplus
}
#endif

#endif /* ARM_NNSUPPORTFUNCTIONS_H */
