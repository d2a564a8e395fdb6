#include "aws_credentials.h"

#include <gtest/gtest.h>

namespace sparkdx::fetch {
namespace {

AwsCredentialSources Sources(std::map<std::string, std::string> environment,
                             std::map<std::string, std::string> files) {
  AwsCredentialSources sources;
  sources.environment = std::move(environment);
  sources.read_file = [files](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  return sources;
}

TEST(AwsCredentials, EnvironmentComesFirst) {
  auto result = LoadAwsCredentials(Sources(
      {{"AWS_ACCESS_KEY_ID", "AKIAENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}, {"AWS_SESSION_TOKEN", "tok"},
       {"AWS_REGION", "eu-west-1"}, {"HOME", "/home/u"}},
      {{"/home/u/.aws/credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = filesecret\n"}}));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.credentials.access_key_id, "AKIAENV");
  EXPECT_EQ(result.credentials.session_token, "tok");
  EXPECT_EQ(result.region, "eu-west-1");
  EXPECT_EQ(result.source, "environment");
}

TEST(AwsCredentials, HalfAnEnvironmentPairIsAnError) {
  auto result = LoadAwsCredentials(Sources({{"AWS_ACCESS_KEY_ID", "AKIAENV"}}, {}));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
}

TEST(AwsCredentials, SharedFileProfileAndConfigRegion) {
  auto result = LoadAwsCredentials(Sources(
      {{"HOME", "/home/u"}, {"AWS_PROFILE", "prod"}},
      {{"/home/u/.aws/credentials",
        "# comment\n[default]\naws_access_key_id=AKIADEF\naws_secret_access_key=defsecret\n\n"
        "[prod]\n  AWS_Access_Key_Id = AKIAPROD \naws_secret_access_key = prodsecret\n"},
       {"/home/u/.aws/config", "[default]\nregion = us-east-1\n[profile prod]\nregion = ap-south-1\n"}}));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.credentials.access_key_id, "AKIAPROD");
  EXPECT_EQ(result.credentials.secret_access_key, "prodsecret");
  EXPECT_EQ(result.credentials.session_token, "");
  EXPECT_EQ(result.region, "ap-south-1");
  EXPECT_EQ(result.source, "/home/u/.aws/credentials [prod]");
}

TEST(AwsCredentials, ConfigFileCanHoldTheKeysAndPathsCanBeOverridden) {
  auto result = LoadAwsCredentials(Sources(
      {{"AWS_CONFIG_FILE", "/etc/aws.conf"}, {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"}},
      {{"/etc/aws.conf", "[default]\nregion=us-west-2\naws_access_key_id=AKIACONF\naws_secret_access_key=s\n"}}));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.credentials.access_key_id, "AKIACONF");
  EXPECT_EQ(result.region, "us-west-2");
  EXPECT_EQ(result.source, "/etc/aws.conf [default]");
}

TEST(AwsCredentials, MissingCredentialsSayWhereTheyWereLookedFor) {
  auto result = LoadAwsCredentials(Sources({{"HOME", "/home/u"}, {"AWS_PROFILE", "dev"}},
                                           {{"/home/u/.aws/credentials", "[default]\naws_access_key_id=A\n"}}));
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("no AWS credentials for profile 'dev'"), std::string::npos);
  EXPECT_NE(result.error.find("/home/u/.aws/credentials"), std::string::npos);
}

TEST(AwsCredentials, MalformedSectionHeaderNamesFileAndLine) {
  auto result = LoadAwsCredentials(
      Sources({{"HOME", "/h"}}, {{"/h/.aws/credentials", "[default]\naws_access_key_id=A\n[broken\n"}}));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "/h/.aws/credentials:3: a section header without ']'");
}

}  // namespace
}  // namespace sparkdx::fetch
