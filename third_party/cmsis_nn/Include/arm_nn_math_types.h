/*
 * tflm-host's CMSIS-NN: the small set of compiler helpers and limits that the
 * public API header pulls in (the real library's arm_nn_math_types.h also
 * covers Arm compilers and intrinsics, which a host build does not need).
 */
#ifndef ARM_NN_MATH_TYPES_H
#define ARM_NN_MATH_TYPES_H

#include <limits.h>
#include <stdint.h>
#include <string.h>

#define NN_Q7_MAX ((int8_t)(0x7F))
#define NN_Q7_MIN ((int8_t)(0x80))
#define NN_Q15_MAX ((int16_t)(0x7FFF))
#define NN_Q15_MIN ((int16_t)(0x8000))
#define NN_Q31_MAX ((int32_t)(0x7FFFFFFFL))
#define NN_Q31_MIN ((int32_t)(0x80000000L))

#ifndef MAX
#define MAX(A, B) ((A) > (B) ? (A) : (B))
#endif
#ifndef MIN
#define MIN(A, B) ((A) < (B) ? (A) : (B))
#endif

#endif /* ARM_NN_MATH_TYPES_H */
