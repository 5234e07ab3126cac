using System.Net;
using System.Text.Json;
using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Eci.Signing;
using ImageCacheFunctions.Eci.Wire;
using ImageCacheFunctions.Emulators.Eci;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>The emulator rejects what ECI rejects, in ECI's error shape, and the client does not retry it.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(EciSignatureMethod.AcsV3HmacSha256)]
    [InlineData(EciSignatureMethod.RpcV2HmacSha1)]
    public async Task A_forged_signature_is_rejected_once_without_retry(EciSignatureMethod method)
    {
        await using var bed = await EciTestBed.StartAsync();
        var forged = new StaticCredentialProvider(new AlibabaCloudCredential(EmulatorTestCredentials.AccessKeyId, "not-the-secret"));
        var client = bed.Client(method, forged);

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));

        Assert.Equal(EciErrorCodes.SignatureDoesNotMatch, error.Code);
        Assert.Equal(400, error.StatusCode);
        Assert.True(error.IsCredentialError);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Calls.Snapshot());
    }

    [Fact]
    public async Task An_unknown_AccessKey_is_InvalidAccessKeyId_NotFound()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(credentials: new StaticCredentialProvider(new AlibabaCloudCredential("LTAIunknown", "x")));
        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));
        Assert.Equal(EciErrorCodes.InvalidAccessKeyIdNotFound, error.Code);
        Assert.Equal(404, error.StatusCode);
        Assert.True(error.IsCredentialError);
        Assert.False(error.IsNotFound);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task A_timestamp_outside_15_minutes_is_InvalidTimeStamp_Expired(int minutes)
    {
        await using var bed = await EciTestBed.StartAsync();
        var skewed = EmulatorClock.Frozen(EciTestBed.Start.AddMinutes(minutes));
        var client = bed.Client(clock: skewed);
        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));
        Assert.Equal(EciErrorCodes.InvalidTimeStampExpired, error.Code);
        Assert.True(error.IsCredentialError);
    }

    [Fact]
    public async Task A_timestamp_14_minutes_off_is_accepted()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(clock: EmulatorClock.Frozen(EciTestBed.Start.AddMinutes(-14)));
        await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
    }

    [Theory]
    [InlineData(EciSignatureMethod.AcsV3HmacSha256)]
    [InlineData(EciSignatureMethod.RpcV2HmacSha1)]
    public async Task A_replayed_request_is_SignatureNonceUsed_in_ECI_error_shape(EciSignatureMethod method)
    {
        await using var bed = await EciTestBed.StartAsync();
        using var http = new HttpClient();
        HttpRequestMessage Signed() => RpcRequestFactory.Create(
            bed.Emulator.BaseUri, method, "DescribeImageCaches", EciClient.ApiVersion, [new("RegionId", "cn-hangzhou")],
            EciTestBed.TestCredential, bed.Clock.GetUtcNow(), "fixed-nonce");

        using (var first = Signed())
        using (var ok = await http.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var second = Signed();
        using var replay = await http.SendAsync(second);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        using var body = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal("SignatureNonceUsed", body.RootElement.GetProperty("Code").GetString());
        foreach (string field in new[] { "RequestId", "HostId", "Message", "Recommend" })
        {
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty(field).GetString()), field);
        }
    }

    [Fact]
    public async Task A_tampered_parameter_breaks_the_V3_signature()
    {
        await using var bed = await EciTestBed.StartAsync();
        using var http = new HttpClient();
        using var request = RpcRequestFactory.Create(
            bed.Emulator.BaseUri, EciSignatureMethod.AcsV3HmacSha256, "DescribeImageCaches", EciClient.ApiVersion, [new("RegionId", "cn-hangzhou")],
            EciTestBed.TestCredential, bed.Clock.GetUtcNow(), Guid.NewGuid().ToString("N"));
        request.RequestUri = new Uri(request.RequestUri!.ToString().Replace("cn-hangzhou", "cn-beijing", StringComparison.Ordinal));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused()
    {
        await using var bed = await EciTestBed.StartAsync();
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(bed.Emulator.BaseUri, "?Action=DescribeImageCaches&RegionId=cn-hangzhou"), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("IncompleteSignature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.ImageCacheCount);
    }

    [Theory]
    [InlineData(EciSignatureMethod.AcsV3HmacSha256)]
    [InlineData(EciSignatureMethod.RpcV2HmacSha1)]
    public async Task Awkward_characters_in_values_survive_signing_and_the_round_trip(EciSignatureMethod method)
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(method);
        string value = "a b*c~d/e:f@g+h=i&j 中文 é";
        await client.CreateImageCacheAsync(EciTestBed.NewCache("awkward") with { Tags = [new("note", value)] });
        var cache = Assert.Single((await client.DescribeImageCachesAsync(new DescribeImageCachesRequest { Tags = [new("note", value)] })).ImageCaches);
        Assert.Equal(value, cache.Tags.Single().Value);
    }
}
