namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>One usable entry of a docker config: where it applies and the user and password.</summary>
public sealed record DockerConfigEntry(string Key, RegistryAuthKey Target, string UserName, string Password)
{
    public override string ToString() => $"DockerConfigEntry {{ Key = {Key}, UserName = {UserName}, Password = *** }}";
}
