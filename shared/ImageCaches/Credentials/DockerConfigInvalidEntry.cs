namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>An entry that could not be used, kept so a registry that needed it gets a precise report.</summary>
public sealed record DockerConfigInvalidEntry(string Key, RegistryAuthKey? Target, string Reason);
