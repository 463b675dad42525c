"""The action plan as a document: model, readers, quality rules and writers, with no Django import."""
