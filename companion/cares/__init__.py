"""The basket of supportive cares and other practices, in plain words."""
