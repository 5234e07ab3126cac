namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>One build of a cache (its creation, or an update): which images, with which logins, from when.</summary>
/// <param name="Images">Images to pull.</param>
/// <param name="CredentialServers">Registries an ImageRegistryCredential was given for.</param>
/// <param name="StartedAt">When the build started.</param>
/// <param name="IsUpdate">Whether this is an update (Updating/UpdateFailed instead of Preparing/Creating/Failed).</param>
internal sealed record BuildAttempt(IReadOnlyList<string> Images, IReadOnlySet<string> CredentialServers, DateTimeOffset StartedAt, bool IsUpdate);
