import { Tensor, ValueError, type nn } from '@dlkit/core';

/** A function from an image batch to the activations of named layers, as {@link featureExtractor} builds it. */
export interface FeatureExtractor {
  (x: Tensor): Record<string, Tensor>;
  /** The layer names it returns, in the order given. */
  readonly names: readonly string[];
}

type Forward = (...inputs: unknown[]) => unknown;

/** Thrown once every requested output is captured, so layers after the last one never run. */
class Captured {}

/**
 * Intermediate outputs of any model by module name (`model.namedModules()`, e.g. `'features.3'`
 * in `models.vgg16()`), torchvision's `create_feature_extractor` idea: calls `model.forward(x)` with
 * the named modules' outputs recorded and stops as soon as all are captured, so the classifier
 * of a VGG never runs (and any input size its convolutions accept works).
 *
 * Shapes: input as `model.forward` takes it → `{ [name]: that module's output }`.
 * @example
 * ```ts
 * const features = featureExtractor(models.vgg16({ initialize: false }), ['features.3', 'features.8']);
 * features(randn([1, 32, 32, 3]))['features.8'].shape // [1, 16, 16, 128]
 * ```
 */
export function featureExtractor(model: nn.Module<[Tensor], unknown>, names: readonly string[]): FeatureExtractor {
  if (names.length === 0) throw new ValueError('featureExtractor: expected at least one layer name, got none');
  const modules = new Map(model.namedModules());
  const targets = names.map((name) => {
    const module = modules.get(name);
    if (!module || name === '') {
      const known = [...modules.keys()].filter((n) => n !== '');
      throw new ValueError(`featureExtractor: no module named ${JSON.stringify(name)}; the model has ${JSON.stringify(known.slice(0, 40))}${known.length > 40 ? ' …' : ''}`);
    }
    return module as unknown as { forward: Forward };
  });
  const extract = (x: Tensor): Record<string, Tensor> => {
    const outputs: Record<string, Tensor> = {};
    const originals = targets.map((t) => ({ forward: t.forward, own: Object.prototype.hasOwnProperty.call(t, 'forward') }));
    targets.forEach((target, i) => {
      const original = originals[i]!.forward;
      target.forward = (...inputs: unknown[]): unknown => {
        const out = original.apply(target, inputs);
        if (!(out instanceof Tensor)) throw new ValueError(`featureExtractor: module ${JSON.stringify(names[i])} returns no tensor`);
        outputs[names[i]!] = out;
        if (Object.keys(outputs).length === names.length) throw new Captured();
        return out;
      };
    });
    try {
      model.forward(x);
    } catch (error) {
      if (!(error instanceof Captured)) throw error;
    } finally {
      // The wrappers are own properties shadowing the prototype's forward: delete them, or put back an own original.
      targets.forEach((target, i) => {
        if (originals[i]!.own) target.forward = originals[i]!.forward;
        else delete (target as Partial<{ forward: Forward }>).forward;
      });
    }
    const missing = names.filter((n) => !(n in outputs));
    if (missing.length > 0) throw new ValueError(`featureExtractor: model.forward never called ${JSON.stringify(missing)}`);
    return outputs;
  };
  return Object.assign(extract, { names: [...names] });
}
