// Tests for the Emulator target.
