// Must be imported before anything from @apollo/*: the gateway otherwise probes cloud-metadata addresses
// (169.254.169.254, 100.100.100.200) when it starts, and a government deployment must never phone home.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
export const APOLLO_TELEMETRY_DISABLED = true;
