/**
 * @dlkit/detection: boxes and IoU (identical to torchvision), NMS and soft-NMS, mean average
 * precision (VOC and COCO rules), localization and landmark targets, sliding windows, YOLO with
 * anchors, region proposals and drawing boxes.
 * @packageDocumentation
 */
export { boxConvert, boxArea, clipBoxes, type BoxFormat } from './boxes/convert.js';
export { boxIou, generalizedBoxIou, distanceBoxIou, completeBoxIou } from './boxes/iou.js';
export { generalizedBoxIouLoss, distanceBoxIouLoss, completeBoxIouLoss, type BoxIouLossOptions } from './boxes/losses.js';
export { nms, batchedNms, type NmsOptions } from './nms/nms.js';
export { softNms, type SoftNmsOptions, type SoftNmsResult } from './nms/soft-nms.js';
export {
  meanAveragePrecision, type Box, type Detection, type GroundTruth, type ApInterpolation, type MeanAveragePrecisionOptions,
  type MeanAveragePrecisionResult, type ClassAveragePrecision,
} from './metrics/map.js';
export type { YoloConfig, Anchor } from './yolo/config.js';
export { kmeansAnchors, shapeIou, type KmeansAnchorsOptions, type KmeansAnchorsResult } from './yolo/kmeans.js';
export { encodeTargets, type YoloObject, type YoloTargets } from './yolo/encode.js';
export { decode, splitOutput, type YoloDecoded, type YoloRaw } from './yolo/decode.js';
export { yoloLoss, YOLO_V1_LOSS, YOLO_V2_LAB_LOSS, type YoloLossWeights, type YoloLossResult } from './yolo/loss.js';
export { filterBoxes, yoloEval, type FilterBoxesOptions } from './yolo/filter.js';
export { drawBoxesSvg, drawBoxesPng, BOX_COLORS, type DrawnBox, type DrawBoxesOptions } from './draw/draw.js';
export { localizationTargets, landmarkTargets, type Landmark } from './localization/targets.js';
export { localizationLoss, landmarkLoss, type LocalizationLossVariant } from './localization/loss.js';
export {
  LocalizationHead, LandmarkHead, decodeLocalization, decodeLandmarks, type HeadOptions, type LocalizationPrediction,
} from './localization/heads.js';
export { slidingWindows, windowBoxes, type SlidingWindowOptions } from './sliding/windows.js';
export { convolutionalize, type ConvolutionalClassifier } from './sliding/convolutionalize.js';
export { gridAnchors, encodeBoxDelta, decodeBoxDelta } from './proposals/anchors.js';
export { RegionProposalHead, type RegionProposalHeadOptions } from './proposals/head.js';
export { proposalTargets, type ProposalTargets, type ProposalTargetOptions } from './proposals/targets.js';
export { proposalLoss } from './proposals/loss.js';
export { proposeRegions, type ProposeRegionsOptions, type RegionProposals } from './proposals/propose.js';
