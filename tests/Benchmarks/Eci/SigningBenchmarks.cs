using BenchmarkDotNet.Attributes;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Signing;
using ImageCacheFunctions.Eci.Wire;

namespace ImageCacheFunctions.Benchmarks.Eci;

/// <summary>Cost of signing one CreateImageCache-sized request with each signature method.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly Uri Endpoint = new("https://eci.cn-hangzhou.aliyuncs.com/");
    private static readonly AlibabaCloudCredential Credential = new("LTAI5tBenchmarkKey", "benchmark-secret-value-0123456789");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly KeyValuePair<string, string>[] _parameters =
    [
        new("RegionId", "cn-hangzhou"),
        new("SecurityGroupId", "sg-bp1234567890abcdef"),
        new("VSwitchId", "vsw-bp1234567890abcdef"),
        new("ImageCacheName", "flink-1-17"),
        new("Image.1", "registry-vpc.cn-hangzhou.aliyuncs.com/team/flink:1.17.2-scala_2.12"),
        new("Image.2", "docker.io/library/busybox:latest"),
        new("ImageCacheSize", "40"),
        new("RetentionDays", "7"),
        new("ClientToken", "3f2a9c1e-uid-generation-7"),
        new("Tag.1.Key", "imagecache-functions/managed-by"),
        new("Tag.1.Value", "imagecache-functions"),
    ];

    /// <summary>V3: canonical request, SHA-256, HMAC-SHA256.</summary>
    /// <returns>The Authorization header.</returns>
    [Benchmark(Baseline = true)]
    public string SignV3() =>
        AcsV3Signer.Sign(
            new AcsV3SigningInput("POST", Endpoint.Authority, "/", _parameters, "CreateImageCache", "2018-08-08", "2025-03-01T08:00:00Z", "5f0c3d1e9a7b4c2d8e6f1a2b3c4d5e6f", null, AcsV3Signer.EmptyPayloadHash),
            Credential.AccessKeyId,
            Credential.AccessKeySecret).Authorization;

    /// <summary>V2: canonical query of all parameters, HMAC-SHA1.</summary>
    /// <returns>The signature.</returns>
    [Benchmark]
    public string SignV2() => RpcV2Signer.Sign("POST", _parameters, Credential.AccessKeySecret);

    /// <summary>A whole V3 request as the client builds it (encoding, signing, headers).</summary>
    /// <returns>The request URI length.</returns>
    [Benchmark]
    public int BuildSignedV3Request()
    {
        using var request = RpcRequestFactory.Create(Endpoint, EciSignatureMethod.AcsV3HmacSha256, "CreateImageCache", "2018-08-08", _parameters, Credential, Now, "5f0c3d1e9a7b4c2d8e6f1a2b3c4d5e6f");
        return request.RequestUri!.OriginalString.Length;
    }
}
