/**
 * @dlkit/sequence — recurrent layers with PyTorch's weight layout, CTC, beam search and sampling.
 * @module @dlkit/sequence
 */
export { RNN, GRU, LSTM, type RNNOptions, type GRUOptions } from './rnn/layers.js';
export { RecurrentLayer, type RecurrentOptions, type RecurrentState, type RecurrentForwardOptions, type RecurrentOutput } from './rnn/recurrent.js';
export { RNNCell, GRUCell, LSTMCell, type CellOptions, type LSTMState } from './rnn/cells.js';
export { ctcLoss, type CtcLossOptions } from './ctc/ctc-loss.js';
export { ctcGreedyDecode, type CtcGreedyOptions } from './ctc/decode.js';
export { beamSearch, type BeamStep, type BeamStepResult, type BeamSearchOptions, type Hypothesis } from './decoding/beam-search.js';
export { sample, type SampleOptions } from './decoding/sample.js';
export { ctcPrefixBeamSearch, type CtcPrefixBeamOptions, type CtcHypothesis } from './ctc/prefix-beam-search.js';
export { Attention, attentionWeights, type AttentionForwardOptions, type AttentionOutput } from './attention/attention.js';
export { AdditiveAttention, type AdditiveAttentionOptions } from './attention/additive.js';
export { LuongAttention, type LuongAttentionOptions, type LuongScore } from './attention/luong.js';
export {
  Seq2Seq, type Seq2SeqOptions, type Seq2SeqAttention, type Seq2SeqSourceOptions, type Seq2SeqOutput, type Seq2SeqDecoding, type EncodedSource,
} from './seq2seq/seq2seq.js';
export {
  sequenceLogProb, blameBeamSearch, beamErrorAnalysis,
  type SequenceLogProbOptions, type BeamErrorExample, type BeamFault, type BeamBlameOptions, type BeamErrorReport,
} from './decoding/error-analysis.js';
export { stft, spectrogram, hannWindow, type StftOptions, type StftResult, type SpectrogramOptions } from './audio/stft.js';
export { writeMidi, encodeVariableLength, type MidiSong, type MidiTrack, type TimedNote } from './music/midi.js';
export { NoteVocabulary, melodyToNotes, type MelodyNote } from './music/tokens.js';
export { pianoRoll, type PianoRollOptions } from './music/piano-roll.js';
export { Bidirectional, type BidirectionalOptions, type MergeMode, type SequenceLayer } from './wrappers/bidirectional.js';
export { TimeDistributed } from './wrappers/time-distributed.js';
