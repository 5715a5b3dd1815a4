"""Text-to-audio engines behind one small interface, hosted in supervised worker processes."""
