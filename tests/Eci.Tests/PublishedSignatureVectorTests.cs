using ImageCacheFunctions.Eci.Signing;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>
/// The worked examples of Alibaba Cloud's "Request syntax and signature method V3" and "Request syntax
/// and signature method V2 for RPC APIs" pages, reproduced byte for byte.
/// </summary>
public sealed class PublishedSignatureVectorTests
{
    [Fact]
    public void V3_worked_example_gives_the_published_hash_signature_and_authorization()
    {
        var input = new AcsV3SigningInput(
            Method: "POST",
            Host: "ecs.cn-shanghai.aliyuncs.com",
            CanonicalUri: "/",
            Query: [new("RegionId", "cn-shanghai"), new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")],
            Action: "RunInstances",
            Version: "2014-05-26",
            Date: "2023-10-26T10:22:32Z",
            Nonce: "3156853299f313e23d1673dc12e1703d",
            SecurityToken: null,
            HashedPayload: AcsV3Signer.EmptyPayloadHash);

        var signed = AcsV3Signer.Sign(input, "YourAccessKeyId", "YourAccessKeySecret");

        Assert.Equal(
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
            + "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
            + "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            + "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n"
            + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signed.CanonicalRequest);
        Assert.Equal("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", signed.StringToSign);
        Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", signed.Signature);
        Assert.Equal(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            signed.Authorization);
    }

    [Fact]
    public void V2_worked_example_gives_the_published_string_to_sign_and_signature()
    {
        KeyValuePair<string, string>[] parameters =
        [
            new("Timestamp", "2016-02-23T12:46:24Z"),
            new("Format", "XML"),
            new("AccessKeyId", "testid"),
            new("Action", "DescribeRegions"),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            new("Version", "2014-05-26"),
            new("SignatureVersion", "1.0"),
        ];

        Assert.Equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
            + "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            RpcV2Signer.StringToSign("GET", parameters));
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcV2Signer.Sign("GET", parameters, "testsecret"));
    }

    [Fact]
    public void V2_older_edition_of_the_example_with_TimeStamp_spelling_gives_its_published_signature()
    {
        // The same page's earlier edition spelled the parameter "TimeStamp" and published this value.
        KeyValuePair<string, string>[] parameters =
        [
            new("TimeStamp", "2016-02-23T12:46:24Z"),
            new("Format", "XML"),
            new("AccessKeyId", "testid"),
            new("Action", "DescribeRegions"),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            new("Version", "2014-05-26"),
            new("SignatureVersion", "1.0"),
        ];

        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", RpcV2Signer.Sign("GET", parameters, "testsecret"));
    }

    [Fact]
    public void V2_ignores_a_Signature_parameter_already_present()
    {
        KeyValuePair<string, string>[] parameters = [new("Action", "DescribeImageCaches"), new("Signature", "stale")];
        Assert.Equal(
            RpcV2Signer.Sign("POST", [new("Action", "DescribeImageCaches")], "s"),
            RpcV2Signer.Sign("POST", parameters, "s"));
    }

    [Fact]
    public void V3_adds_and_signs_the_security_token_header_in_sorted_position()
    {
        var input = new AcsV3SigningInput("POST", "eci.cn-hangzhou.aliyuncs.com", "/", [], "DescribeImageCaches", "2018-08-08", "2025-03-01T08:00:00Z", "n", "sts-token", AcsV3Signer.EmptyPayloadHash);
        var signed = AcsV3Signer.Sign(input, "STS.key", "secret");
        Assert.Contains("SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,", signed.Authorization);
        Assert.Contains("x-acs-security-token:sts-token\n", signed.CanonicalRequest);
    }
}
