-- The file name of the call's recording (MixMonitor on Asterisk), set when recording starts.
ALTER TABLE call_records ADD COLUMN recording_file VARCHAR(255) NULL;
