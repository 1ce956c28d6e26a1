-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 127.0.0.1    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `sys_user`
--

DROP TABLE IF EXISTS `sys_user`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `sys_user` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT COMMENT '用户ID',
  `user_name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL COMMENT '登录名',
  `nick_name` varchar(64) NOT NULL DEFAULT '' COMMENT '昵称',
  `middlename` varchar(32) DEFAULT NULL COMMENT '中间名',
  `email` varchar(128) DEFAULT NULL COMMENT '邮箱; 可为空',
  `phone` char(11) DEFAULT NULL COMMENT '手机号',
  `avatar_url` varchar(512) DEFAULT NULL COMMENT '头像 URL',
  `gender` enum('unknown','male','female') NOT NULL DEFAULT 'unknown' COMMENT '性别',
  `status` tinyint(1) NOT NULL DEFAULT '1' COMMENT '状态：1 正常，0 停用',
  `is_admin` bit(1) NOT NULL DEFAULT b'0' COMMENT '是否管理员',
  `balance` decimal(16,2) NOT NULL DEFAULT '0.00' COMMENT '账户余额（元）',
  `login_ip` varbinary(16) DEFAULT NULL COMMENT '最后登录 IP',
  `profile` json DEFAULT NULL COMMENT '扩展资料',
  `birthday` date DEFAULT NULL COMMENT '生日',
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT '创建时间',
  `updated_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP COMMENT '更新时间',
  `deleted_at` datetime(3) DEFAULT NULL COMMENT '删除时间',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_user_name` (`user_name`),
  KEY `idx_phone` (`phone`),
  KEY `idx_status_created` (`status`,`created_at`)
) ENGINE=InnoDB AUTO_INCREMENT=10086 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='系统用户表';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `sys_user`
--

LOCK TABLES `sys_user` WRITE;
/*!40000 ALTER TABLE `sys_user` DISABLE KEYS */;
INSERT INTO `sys_user` VALUES (1,'admin','管理员;DROP TABLE x; --',NULL,'a@b.c','13800000000',NULL,'male',1,_binary '','0.00',NULL,'{\"k\": \"v;\"}','1990-01-01','2024-01-01 00:00:00','2024-01-01 00:00:00',NULL),(2,'li','李四',NULL,NULL,NULL,NULL,'unknown',0,_binary '\0','12.50',NULL,NULL,NULL,'2024-01-02 00:00:00','2024-01-02 00:00:00',NULL);
/*!40000 ALTER TABLE `sys_user` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `order_detail`
--

DROP TABLE IF EXISTS `order_detail`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `order_detail` (
  `order_id` bigint unsigned NOT NULL COMMENT '订单号',
  `item_no` smallint unsigned NOT NULL COMMENT '明细行号',
  `user_id` bigint unsigned NOT NULL COMMENT '下单用户',
  `sku_id` int unsigned NOT NULL COMMENT '商品 SKU',
  `quantity` mediumint unsigned NOT NULL DEFAULT '1' COMMENT '数量',
  `unit_price` decimal(12,4) unsigned NOT NULL COMMENT '单价',
  `discount` float NOT NULL DEFAULT '0' COMMENT '折扣率',
  `weight_kg` double DEFAULT NULL COMMENT '重量（千克）',
  `remark` text COMMENT '备注',
  `order_date` date NOT NULL COMMENT '下单日期（分区键）',
  PRIMARY KEY (`order_id`,`item_no`,`order_date`),
  KEY `idx_user` (`user_id`),
  KEY `idx_sku_user` (`sku_id`,`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='订单明细（按年分区）'
/*!50100 PARTITION BY RANGE (year(`order_date`))
(PARTITION p2023 VALUES LESS THAN (2024) ENGINE = InnoDB,
 PARTITION p2024 VALUES LESS THAN (2025) ENGINE = InnoDB,
 PARTITION pmax VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `login_log`
--

DROP TABLE IF EXISTS `login_log`;
CREATE TABLE `login_log` (
  `id` bigint NOT NULL AUTO_INCREMENT,
  `user_id` bigint unsigned NOT NULL COMMENT '用户',
  `ip` varchar(45) NOT NULL COMMENT '登录 IP（v4/v6）',
  `ua` varchar(255) DEFAULT NULL COMMENT 'User-Agent',
  `ok` tinyint(1) NOT NULL COMMENT '是否成功',
  `at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) COMMENT '时间',
  PRIMARY KEY (`id`,`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='登录日志'
/*!50100 PARTITION BY HASH (`user_id`)
PARTITIONS 4 */;

--
-- Table structure for table `sku_tag`
--

DROP TABLE IF EXISTS `sku_tag`;
CREATE TABLE `sku_tag` (
  `sku_id` int unsigned NOT NULL,
  `tag` varchar(32) NOT NULL,
  `weight` year DEFAULT NULL COMMENT '年份',
  `kind` set('hot','new','sale') NOT NULL DEFAULT '' COMMENT '标签类型',
  `opened` time(3) DEFAULT NULL COMMENT '每日开放时间',
  PRIMARY KEY (`sku_id`,`tag`),
  KEY `idx_tag` (`tag`),
  CONSTRAINT `fk_tag_user` FOREIGN KEY (`sku_id`) REFERENCES `order_detail` (`sku_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='SKU 标签（多对多）';

--
-- Temporary view structure for view `v_active_user`
--

DROP TABLE IF EXISTS `v_active_user`;
/*!50001 DROP VIEW IF EXISTS `v_active_user`*/;
SET @saved_cs_client     = @@character_set_client;
/*!50503 SET character_set_client = utf8mb4 */;
/*!50001 CREATE TABLE `v_active_user` (
  `id` tinyint NOT NULL,
  `user_name` tinyint NOT NULL
) ENGINE=MyISAM */;
SET character_set_client = @saved_cs_client;

/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER `trg_user_bi` BEFORE INSERT ON `sys_user` FOR EACH ROW BEGIN
  IF NEW.nick_name = '' THEN SET NEW.nick_name = NEW.user_name; END IF;
END */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;

--
-- Final view structure for view `v_active_user`
--

/*!50001 DROP TABLE IF EXISTS `v_active_user`*/;
/*!50001 DROP VIEW IF EXISTS `v_active_user`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`%` SQL SECURITY DEFINER */
/*!50001 VIEW `v_active_user` AS select `sys_user`.`id` AS `id`,`sys_user`.`user_name` AS `user_name` from `sys_user` where (`sys_user`.`status` = 1) */;
/*!50001 SET character_set_client      = @saved_cs_client */;

DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `p_count`(OUT n INT)
BEGIN
  SELECT COUNT(*) INTO n FROM sys_user; -- a comment; with semicolons
END ;;
DELIMITER ;

/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2024-06-01 12:00:00
