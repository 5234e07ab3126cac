namespace ImageCacheFunctions.Eci.Models;

/// <summary>
/// Login for a private registry (<c>ImageRegistryCredential.N.Server/UserName/Password</c>).
/// <see cref="ToString"/> hides the password.
/// </summary>
/// <param name="Server">Registry host without scheme, e.g. <c>registry-vpc.cn-hangzhou.aliyuncs.com</c>.</param>
/// <param name="UserName">User name.</param>
/// <param name="Password">Password.</param>
public sealed record ImageRegistryCredential(string Server, string? UserName, string? Password)
{
    /// <summary>Describes the credential without its password.</summary>
    /// <returns>Server and user name.</returns>
    public override string ToString() => $"ImageRegistryCredential {{ Server = {Server}, UserName = {UserName}, Password = *** }}";
}
