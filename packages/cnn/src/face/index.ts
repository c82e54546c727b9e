export { embeddingDistance, l2Normalize } from './distance.js';
export { tripletLoss, mineTriplets, minedTripletLoss, type TripletLossOptions, type TripletMining, type TripletMiningOptions, type Triplets } from './triplet.js';
export { contrastiveLoss, type ContrastiveLossOptions } from './contrastive.js';
export { Siamese, VerificationHead, type SiameseOptions } from './siamese.js';
export { rocCurve, rocAuc, equalErrorRate, chooseThreshold, verify, oneShotIdentify, type RocPoint, type Identification } from './verification.js';
