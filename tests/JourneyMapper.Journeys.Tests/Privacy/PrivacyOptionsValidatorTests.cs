using JourneyMapper.Journeys.Privacy;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Privacy;

public sealed class PrivacyOptionsValidatorTests
{
    private const string Salt = "test-salt-0123456789abcdef";
    private const string SetSalt = "set it (e.g. env JOURNEYMAPPER__PRIVACY__SALT) to a secret of at least 16 characters";

    [Fact]
    public void DefaultsWithASaltAreValid()
    {
        Assert.Empty(Failures(new PrivacyOptions { Salt = Salt }));
    }

    [Fact]
    public void DefaultsWithoutASaltFailBecauseTheIpAddressIsHashed()
    {
        Assert.Equal(
            [$"JourneyMapper:Privacy:Salt is required when a field is hashed (IpAddress); {SetSalt}, or set those fields to Keep or Drop."],
            Failures(new PrivacyOptions()));
    }

    [Fact]
    public void MissingSaltNamesEveryHashedField()
    {
        Assert.Equal(
            [$"JourneyMapper:Privacy:Salt is required when a field is hashed (IpAddress, DeviceId, Referrer); {SetSalt}, or set those fields to Keep or Drop."],
            Failures(new PrivacyOptions { Salt = "   ", DeviceId = FieldAction.Hash, Referrer = FieldAction.Hash }));
    }

    [Fact]
    public void NoSaltIsNeededWhenNothingIsHashed()
    {
        Assert.Empty(Failures(new PrivacyOptions { IpAddress = FieldAction.Drop }));
    }

    [Fact]
    public void DevelopmentSaltSatisfiesTheCheckOnlyWhenTheHostOptsIn()
    {
        Assert.Empty(Failures(new PrivacyOptions { UseDevelopmentSalt = true }));
    }

    [Fact]
    public void ConfiguringThePublicDevelopmentSaltAsTheSecretFails()
    {
        Assert.Equal(
            [$"JourneyMapper:Privacy:Salt is the public development salt, which protects nothing; {SetSalt} that only this deployment knows."],
            Failures(new PrivacyOptions { Salt = PrivacyOptions.DevelopmentSalt }));
    }

    [Fact]
    public void ShortSaltFailsWithoutRepeatingIt()
    {
        var failures = Failures(new PrivacyOptions { Salt = "tiny-secret" });

        Assert.Equal([$"JourneyMapper:Privacy:Salt is too short to be secret; {SetSalt}."], failures);
        Assert.DoesNotContain("tiny-secret", failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void SaltOfExactlySixteenCharactersIsEnough()
    {
        Assert.Empty(Failures(new PrivacyOptions { Salt = "0123456789abcdef" }));
        Assert.NotEmpty(Failures(new PrivacyOptions { Salt = "0123456789abcde" }));
    }

    [Fact]
    public void UnknownActionsNameTheKey()
    {
        Assert.Equal(
            [
                "JourneyMapper:Privacy:UserAgent is 9: use Keep, Drop or Hash.",
                "JourneyMapper:Privacy:Properties is Hash: use Keep (keeps the keys in JourneyMapper:Privacy:PropertiesWhitelist) or Drop (drops every property); property values are never hashed.",
            ],
            Failures(new PrivacyOptions { Salt = Salt, UserAgent = (FieldAction)9, Properties = FieldAction.Hash }));
    }

    [Fact]
    public void EmptyWhitelistEntriesNameTheirIndex()
    {
        Assert.Equal(
            ["JourneyMapper:Privacy:PropertiesWhitelist:1 is empty: name a property key to keep, or remove the entry."],
            Failures(new PrivacyOptions { Salt = Salt, PropertiesWhitelist = ["currency", " ", "price"] }));
    }

    [Fact]
    public void EveryFailureIsReportedAtOnce()
    {
        var failures = Failures(new PrivacyOptions { DeviceId = (FieldAction)5, PropertiesWhitelist = [""] });

        Assert.Equal(3, failures.Count);
    }

    private static List<string> Failures(PrivacyOptions options)
    {
        var result = new PrivacyOptionsValidator().Validate(null, options);
        return result.Succeeded ? [] : [.. result.Failures!];
    }
}
