#!/usr/bin/env bash
# bench/gen-sql/gen_dump.sh N OUT — writes a mysqldump-style file with N tables (16
# columns of mixed types each, Chinese comments, composite keys, indexes, a partitioned
# table every 50th, and a 3-row INSERT per table), deterministic for a given N.
set -euo pipefail
n=${1:-5000} out=${2:-/dev/stdout}
awk -v n="$n" 'BEGIN {
  print "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: 127.0.0.1    Database: bench"
  print "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!50503 SET NAMES utf8mb4 */;"
  for (i = 1; i <= n; i++) {
    t = sprintf("t_%05d_order_item", i)
    printf "\n--\n-- Table structure for table `%s`\n--\n\nDROP TABLE IF EXISTS `%s`;\n", t, t
    printf "/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
    printf "CREATE TABLE `%s` (\n", t
    printf "  `id` bigint unsigned NOT NULL AUTO_INCREMENT COMMENT '\''主键 %d'\'',\n", i
    printf "  `tenant_id` int unsigned NOT NULL COMMENT '\''租户'\'',\n"
    printf "  `user_id` bigint NOT NULL DEFAULT '\''0'\'' COMMENT '\''用户ID'\'',\n"
    printf "  `order_no` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL COMMENT '\''订单号'\'',\n"
    printf "  `status` tinyint(1) NOT NULL DEFAULT '\''1'\'' COMMENT '\''状态：1 正常，0 停用'\'',\n"
    printf "  `kind` enum('\''a'\'','\''b'\'','\''c'\'') NOT NULL DEFAULT '\''a'\'',\n"
    printf "  `amount` decimal(16,2) NOT NULL DEFAULT '\''0.00'\'' COMMENT '\''金额（元）'\'',\n"
    printf "  `ratio` double DEFAULT NULL,\n"
    printf "  `flags` bit(8) DEFAULT NULL,\n"
    printf "  `payload` json DEFAULT NULL COMMENT '\''扩展'\'',\n"
    printf "  `note` text,\n"
    printf "  `avatar_url` varchar(512) DEFAULT NULL,\n"
    printf "  `birthday` date DEFAULT NULL,\n"
    printf "  `opened` time(3) DEFAULT NULL,\n"
    printf "  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT '\''创建时间'\'',\n"
    printf "  `updated_at` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
    if (i % 50 == 0) {
      printf "  PRIMARY KEY (`id`,`created_at`),\n  KEY `idx_user` (`user_id`)\n"
      printf ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='\''分区表 %d'\''\n", i
      printf "/*!50100 PARTITION BY RANGE (year(`created_at`))\n(PARTITION p2023 VALUES LESS THAN (2024) ENGINE = InnoDB,\n PARTITION pmax VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;\n"
    } else {
      printf "  PRIMARY KEY (`id`),\n  UNIQUE KEY `uk_tenant_order` (`tenant_id`,`order_no`),\n  KEY `idx_user_status` (`user_id`,`status`),\n  KEY `idx_created` (`created_at`)\n"
      printf ") ENGINE=InnoDB AUTO_INCREMENT=%d DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci ROW_FORMAT=DYNAMIC COMMENT='\''订单明细表 %d'\'';\n", i * 7, i
    }
    printf "/*!40101 SET character_set_client = @saved_cs_client */;\n"
    printf "LOCK TABLES `%s` WRITE;\n/*!40000 ALTER TABLE `%s` DISABLE KEYS */;\n", t, t
    printf "INSERT INTO `%s` VALUES (1,1,2,'\''NO-1'\'',1,'\''a'\'',1.50,NULL,NULL,'\''{\\\"k\\\": \\\"v;\\\"}'\'','\''a;b'\'',NULL,NULL,NULL,'\''2024-01-01 00:00:00'\'','\''2024-01-01 00:00:00.000'\''),(2,1,3,'\''NO-2'\'',0,'\''b'\'',2.00,0.5,_binary '\''\\0'\'',NULL,NULL,NULL,'\''1990-01-01'\'','\''08:00:00.000'\'','\''2024-01-02 00:00:00'\'','\''2024-01-02 00:00:00.000'\''),(3,2,4,'\''NO-3'\'',1,'\''c'\'',3.25,NULL,NULL,NULL,'\''备注'\'',NULL,NULL,NULL,'\''2024-01-03 00:00:00'\'','\''2024-01-03 00:00:00.000'\'');\n", t
    printf "/*!40000 ALTER TABLE `%s` ENABLE KEYS */;\nUNLOCK TABLES;\n", t
  }
  print "\n-- Dump completed on 2024-06-01 12:00:00"
}' >"$out"
