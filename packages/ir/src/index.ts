export {
  ArchspaceError,
  ConstraintViolation,
  DuplicationError,
  InvalidMutation,
  SampleMissingError,
  SampleValidationError,
  SearchSpaceError,
  describeValue,
  formatPath,
  type ErrorDetails,
} from './errors.js';
