/*
 * tflm-host's CMSIS-NN: gemmlowp-style 32-bit fixed-point math (the arithmetic
 * of CMSIS-NN's softmax macros MUL_SAT, DIV_POW2, EXP_ON_NEG and ONE_OVER1,
 * which are themselves gemmlowp's, and of TFLM's reference softmax). A value is
 * a raw int32 read as Qm.(31-m); sums wrap like int32 on the target.
 */
#ifndef ARM_NN_HOST_FIXED_POINT_H
#define ARM_NN_HOST_FIXED_POINT_H

#include "arm_nnsupportfunctions.h"

static inline int32_t arm_nn_host_fp_add(const int32_t a, const int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t arm_nn_host_fp_sub(const int32_t a, const int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

/* Saturating rounding doubling high multiply (gemmlowp, MUL_SAT). */
static inline int32_t arm_nn_host_fp_mul(const int32_t a, const int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN)
    {
        return INT32_MAX;
    }
    const int64_t product = (int64_t)a * b;
    const int64_t nudge = product >= 0 ? (1LL << 30) : (1 - (1LL << 30));
    return (int32_t)((product + nudge) / (1LL << 31));
}

/* x * 2^exponent: rounding for exponent < 0, saturating for exponent > 0. */
static inline int32_t arm_nn_host_fp_mul_pot(const int32_t x, const int32_t exponent)
{
    if (exponent < 0)
    {
        return arm_nn_divide_by_power_of_two(x, -exponent);
    }
    if (exponent == 0)
    {
        return x;
    }
    const int32_t threshold = (int32_t)((1LL << (31 - exponent)) - 1);
    if (x > threshold)
    {
        return INT32_MAX;
    }
    if (x < -threshold)
    {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* exp(a) for a in [-1/4, 0), Q0.31 in and out: Taylor series around -1/8. */
static inline int32_t arm_nn_host_fp_exp_quarter(const int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668;
    const int32_t one_third = 715827883;
    const int32_t x = arm_nn_host_fp_add(a, 1 << 28);
    const int32_t x2 = arm_nn_host_fp_mul(x, x);
    const int32_t x3 = arm_nn_host_fp_mul(x2, x);
    const int32_t x4 = arm_nn_host_fp_mul(x2, x2);
    const int32_t x4_over_4 = arm_nn_host_fp_mul_pot(x4, -2);
    const int32_t poly = arm_nn_host_fp_mul_pot(
        arm_nn_host_fp_add(arm_nn_host_fp_mul(arm_nn_host_fp_add(x4_over_4, x3), one_third), x2), -1);
    return arm_nn_host_fp_add(exp_minus_one_eighth,
                              arm_nn_host_fp_mul(exp_minus_one_eighth, arm_nn_host_fp_add(x, poly)));
}

/* exp(a) for a <= 0 in Q(integer_bits) (at most 5 here), Q0.31 result: the part
 * below 1/4 through the series, each higher bit a factor exp(-2^k). */
static inline int32_t arm_nn_host_fp_exp_on_negative(const int32_t a, const int32_t integer_bits)
{
    static const int32_t factors[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int32_t fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = 1 << (fractional_bits - 2);
    const int32_t mod_quarter_minus_quarter = arm_nn_host_fp_sub(a & (one_quarter - 1), one_quarter);
    int32_t result = arm_nn_host_fp_exp_quarter(arm_nn_host_fp_mul_pot(mod_quarter_minus_quarter, integer_bits));
    const int32_t remainder = arm_nn_host_fp_sub(mod_quarter_minus_quarter, a);
    for (int32_t exponent = -2; exponent <= 4 && exponent < integer_bits; exponent++)
    {
        if (remainder & (1 << (fractional_bits + exponent)))
        {
            result = arm_nn_host_fp_mul(result, factors[exponent + 2]);
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out: Newton-Raphson. */
static inline int32_t arm_nn_host_fp_one_over_one_plus(const int32_t a)
{
    const int64_t sum = (int64_t)a + INT32_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    const int32_t one_q2 = 1 << 29;
    int32_t x = arm_nn_host_fp_add(1515870810, arm_nn_host_fp_mul(half_denominator, -1010580540)); /* Q2.29 */
    for (int i = 0; i < 3; i++)
    {
        const int32_t one_minus = arm_nn_host_fp_sub(one_q2, arm_nn_host_fp_mul(half_denominator, x));
        x = arm_nn_host_fp_add(x, arm_nn_host_fp_mul_pot(arm_nn_host_fp_mul(x, one_minus), 2));
    }
    return arm_nn_host_fp_mul_pot(x, 1); /* 2 / (1 + a) in Q2.29 read as Q1.30, to Q0.31 */
}

#endif /* ARM_NN_HOST_FIXED_POINT_H */
