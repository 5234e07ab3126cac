namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>
/// User name and password for one registry, as ECI's CreateImageCache takes them
/// (ImageRegistryCredential.N.Server/UserName/Password). <see cref="Server"/> is the canonical
/// registry host[:port] (Docker Hub is <c>docker.io</c>). Never printed with its password.
/// </summary>
public sealed record RegistryCredential(string Server, string UserName, string Password)
{
    public override string ToString() => $"RegistryCredential {{ Server = {Server}, UserName = {UserName}, Password = *** }}";
}
