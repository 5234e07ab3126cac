using System.Text;
using ImageCacheFunctions.ImageCaches.Credentials;

namespace ImageCacheFunctions.ImageCaches.Tests.Credentials;

/// <summary>Builds image pull secret data the way <c>kubectl create secret docker-registry</c> does.</summary>
internal static class DockerConfigSecrets
{
    public static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public static string ConfigJson(params (string Key, string User, string Password)[] entries) =>
        "{\"auths\":{" + string.Join(",", entries.Select(e =>
            $"\"{e.Key}\":{{\"username\":\"{e.User}\",\"password\":\"{e.Password}\",\"auth\":\"{Auth(e.User, e.Password)}\"}}")) + "}}";

    public static string Cfg(params (string Key, string User, string Password)[] entries) =>
        "{" + string.Join(",", entries.Select(e => $"\"{e.Key}\":{{\"auth\":\"{Auth(e.User, e.Password)}\",\"email\":\"a@b.c\"}}")) + "}";

    public static Dictionary<string, byte[]> Data(string key, string json) => new() { [key] = Encoding.UTF8.GetBytes(json) };

    public static ImagePullSecretContent DockerConfigJsonSecret(string secret, params (string Key, string User, string Password)[] entries) =>
        ImagePullSecretContent.Decode(secret, ImagePullSecretContent.DockerConfigJsonType, Data(ImagePullSecretContent.DockerConfigJsonKey, ConfigJson(entries)));

    public static ImagePullSecretContent DockerCfgSecret(string secret, params (string Key, string User, string Password)[] entries) =>
        ImagePullSecretContent.Decode(secret, ImagePullSecretContent.DockerCfgType, Data(ImagePullSecretContent.DockerCfgKey, Cfg(entries)));
}
