package mlpsweep.data;

/** The two halves of a dataset: the samples trained on and the samples the models are tested on. */
public enum Split {
  TRAIN,
  TEST
}
