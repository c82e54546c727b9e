import { nn, relu6, sigmoid, type Tensor } from '@dlkit/core';

/**
 * SiLU / swish, `x·σ(x)` (EfficientNet's activation).
 * @example new SiLU().forward(tensor([-1, 0, 2]))
 */
export class SiLU extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.mul(sigmoid(x));
  }
}

/**
 * Hard sigmoid, `ReLU6(x + 3)/6` (PyTorch's `nn.Hardsigmoid`, MobileNet v3's gate).
 * @example new Hardsigmoid().forward(tensor([-4, 0, 4])) // [0, 0.5, 1]
 */
export class Hardsigmoid extends nn.Module {
  forward(x: Tensor): Tensor {
    return relu6(x.add(3)).div(6);
  }
}

/**
 * Hard swish, `x·ReLU6(x + 3)/6` (PyTorch's `nn.Hardswish`, MobileNet v3).
 * @example new Hardswish().forward(tensor([-4, 0, 4])) // [0, 0, 4]
 */
export class Hardswish extends nn.Module {
  forward(x: Tensor): Tensor {
    return x.mul(relu6(x.add(3))).div(6);
  }
}
