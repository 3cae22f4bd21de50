// Imported first: @apollo/gateway runs cloud detectors (connecting to 169.254.169.254 and 100.100.100.200) when it
// loads unless this is set. A government deployment must never phone home.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
export {};
