export function electronBinary(): { path?: string; reason?: string };
export function displayAvailable(): boolean;
