// Emulator: see the files of this target.
