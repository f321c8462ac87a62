/*
 * tflm-host: filters packed once for the SIMD GEMMs (arm_nn_host_packed.h).
 */
#include "arm_nn_host_internal.h"

#include <stddef.h>
#include <string.h>

static _Thread_local const arm_nn_host_packed_filter *g_announced = NULL;

static int32_t panel_width(arm_nn_host_isa isa)
{
    return isa == ARM_NN_HOST_ISA_AVX512_VNNI ? ARM_NN_HOST_PANEL_AVX512 : ARM_NN_HOST_PANEL_AVX2;
}

/* Layout sizes for rows x cols with the given ISA. */
static void layout(arm_nn_host_isa isa, int32_t rows, int32_t cols, int32_t *panels, int32_t *groups, int32_t *panel_bytes)
{
    const int32_t width = panel_width(isa);
    *panels = (rows + width - 1) / width;
    if (isa == ARM_NN_HOST_ISA_AVX512_VNNI)
    {
        *groups = (cols + 3) / 4;           /* 4 int8 per int32 lane (vpdpbusd) */
        *panel_bytes = *groups * width * 4;
    }
    else
    {
        *groups = (cols + 1) / 2;           /* 2 int16 per int32 lane (vpmaddwd) */
        *panel_bytes = *groups * width * 4;
    }
}

int32_t arm_nn_host_packed_filter_size(int32_t rows, int32_t cols)
{
    const arm_nn_host_isa isa = arm_nn_host_isa_get();
    if (isa == ARM_NN_HOST_ISA_PORTABLE || rows <= 0 || cols <= 0)
    {
        return 0;
    }
    int32_t panels, groups, panel_bytes;
    layout(isa, rows, cols, &panels, &groups, &panel_bytes);
    const int64_t bytes = 64 + (int64_t)sizeof(arm_nn_host_packed_filter) + 64 +
        (int64_t)panels * panel_width(isa) * 4 + 64 + (int64_t)panels * panel_bytes;
    return bytes > INT32_MAX ? 0 : (int32_t)bytes;
}

static uint8_t *align64(uint8_t *p)
{
    return (uint8_t *)(((uintptr_t)p + 63) & ~(uintptr_t)63);
}

const arm_nn_host_packed_filter *arm_nn_host_pack_filter(void *buf,
                                                         int32_t buf_size,
                                                         const int8_t *filter,
                                                         int32_t rows,
                                                         int32_t cols,
                                                         const int32_t *bias,
                                                         int32_t input_offset)
{
    return arm_nn_host_pack_filter_strided(buf, buf_size, filter, rows, cols, cols, 1, bias, input_offset);
}

const arm_nn_host_packed_filter *arm_nn_host_pack_filter_strided(void *buf,
                                                                 int32_t buf_size,
                                                                 const int8_t *filter,
                                                                 int32_t rows,
                                                                 int32_t cols,
                                                                 int32_t row_stride,
                                                                 int32_t col_stride,
                                                                 const int32_t *bias,
                                                                 int32_t input_offset)
{
    const int32_t needed = arm_nn_host_packed_filter_size(rows, cols);
    if (buf == NULL || needed == 0 || buf_size < needed)
    {
        return NULL;
    }
    const arm_nn_host_isa isa = arm_nn_host_isa_get();
    uint8_t *cursor = align64((uint8_t *)buf);
    arm_nn_host_packed_filter *packed = (arm_nn_host_packed_filter *)cursor;
    cursor = align64(cursor + sizeof(*packed));
    packed->filter = filter;
    packed->bias = bias;
    packed->rows = rows;
    packed->cols = cols;
    packed->row_stride = row_stride;
    packed->col_stride = col_stride;
    packed->input_offset = input_offset;
    packed->isa = (int32_t)isa;
    layout(isa, rows, cols, &packed->panels, &packed->groups, &packed->panel_bytes);
    packed->eff_bias = (int32_t *)cursor;
    cursor = align64(cursor + (size_t)packed->panels * panel_width(isa) * 4);
    packed->data = (int8_t *)cursor;
#if defined(__x86_64__)
    if (isa == ARM_NN_HOST_ISA_AVX512_VNNI)
    {
        arm_nn_host_pack_avx512(packed);
    }
    else
    {
        arm_nn_host_pack_avx2(packed);
    }
    return packed;
#else
    return NULL;
#endif
}

void arm_nn_host_use_packed_filter(const arm_nn_host_packed_filter *packed)
{
    g_announced = packed;
}

const arm_nn_host_packed_filter *arm_nn_host_take_packed_filter(const int8_t *filter,
                                                                int32_t rows,
                                                                int32_t cols,
                                                                int32_t row_stride,
                                                                int32_t col_stride,
                                                                const int32_t *bias,
                                                                int32_t input_offset)
{
    const arm_nn_host_packed_filter *packed = g_announced;
    g_announced = NULL;
    if (packed == NULL || packed->filter != filter || packed->rows != rows || packed->cols != cols ||
        packed->row_stride != row_stride || packed->col_stride != col_stride ||
        packed->bias != bias || packed->input_offset != input_offset || packed->isa != (int32_t)arm_nn_host_isa_get())
    {
        return NULL;
    }
    return packed;
}
