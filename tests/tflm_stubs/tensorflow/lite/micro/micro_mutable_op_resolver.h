// Stub of TFLM's MicroMutableOpResolver for compile checks of exported code: the declarations
// an exported op-resolver header uses, with TFLM's method names (micro_mutable_op_resolver.h).
// Only the methods the test models need are declared, so a misspelt name fails to compile.
#ifndef TFLM_STUB_MICRO_MUTABLE_OP_RESOLVER_H_
#define TFLM_STUB_MICRO_MUTABLE_OP_RESOLVER_H_

typedef enum TfLiteStatus { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;

namespace tflite {

template <unsigned int tOpCount>
class MicroMutableOpResolver {
 public:
  static_assert(tOpCount > 0, "an op resolver holds at least one operator");
  TfLiteStatus AddAdd();
  TfLiteStatus AddAveragePool2D();
  TfLiteStatus AddCast();
  TfLiteStatus AddConcatenation();
  TfLiteStatus AddConv2D();
  TfLiteStatus AddDepthwiseConv2D();
  TfLiteStatus AddDiv();
  TfLiteStatus AddEnergy();
  TfLiteStatus AddFftAutoScale();
  TfLiteStatus AddFilterBank();
  TfLiteStatus AddFilterBankLog();
  TfLiteStatus AddFilterBankSpectralSubtraction();
  TfLiteStatus AddFilterBankSquareRoot();
  TfLiteStatus AddFullyConnected();
  TfLiteStatus AddMaximum();
  TfLiteStatus AddMinimum();
  TfLiteStatus AddMul();
  TfLiteStatus AddPCAN();
  TfLiteStatus AddReshape();
  TfLiteStatus AddRfft();
  TfLiteStatus AddSoftmax();
  TfLiteStatus AddStridedSlice();
  TfLiteStatus AddWindow();
};

}  // namespace tflite

#endif  // TFLM_STUB_MICRO_MUTABLE_OP_RESOLVER_H_
