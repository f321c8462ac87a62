/*
 * tflm-host extension (not part of the CMSIS-NN API): filters packed once,
 * at Prepare, into the layout the x86-64 SIMD kernels read, with the kernel
 * sums folded into the bias for the input offset.
 *
 * The CMSIS-NN calls keep TFLM's exact argument lists; a caller that packed a
 * filter announces it just before the call with arm_nn_host_use_packed_filter()
 * and the next convolution / fully connected call on the same thread uses it
 * when it matches that call's filter, bias and input offset and the ISA in
 * use. Without it the kernels still give the same results, on the portable
 * path.
 */
#ifndef ARM_NN_HOST_PACKED_H
#define ARM_NN_HOST_PACKED_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct arm_nn_host_packed_filter arm_nn_host_packed_filter;

/* Bytes arm_nn_host_pack_filter needs for an [rows][cols] int8 filter with the
 * ISA in use (0 on the portable path, which reads the filter as it is). */
int32_t arm_nn_host_packed_filter_size(int32_t rows, int32_t cols);

/* Packs filter [rows][cols] (rows = output channels, cols = accumulation
 * depth) into buf; bias may be NULL. Returns NULL when nothing is to be packed
 * or buf_size is too small. The filter and bias must outlive the result. */
const arm_nn_host_packed_filter *arm_nn_host_pack_filter(void *buf,
                                                         int32_t buf_size,
                                                         const int8_t *filter,
                                                         int32_t rows,
                                                         int32_t cols,
                                                         const int32_t *bias,
                                                         int32_t input_offset);

/* The same for a filter whose element (row n, col k) is at filter[n * row_stride + k *
 * col_stride], e.g. a single-input-channel depthwise filter read as a conv filter. */
const arm_nn_host_packed_filter *arm_nn_host_pack_filter_strided(void *buf,
                                                                 int32_t buf_size,
                                                                 const int8_t *filter,
                                                                 int32_t rows,
                                                                 int32_t cols,
                                                                 int32_t row_stride,
                                                                 int32_t col_stride,
                                                                 const int32_t *bias,
                                                                 int32_t input_offset);

/* The next arm_convolve_* / arm_fully_connected_s8 call on this thread may use
 * packed (NULL clears). */
void arm_nn_host_use_packed_filter(const arm_nn_host_packed_filter *packed);

#ifdef __cplusplus
}
#endif

#endif /* ARM_NN_HOST_PACKED_H */
